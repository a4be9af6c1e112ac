"use client";
import { Button } from "@/components/ui/button";

export default function SignedInError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-6 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100">
      <h1 className="text-lg font-semibold">Something went wrong</h1>
      <p className="mt-1 text-sm">We could not load this page. Your data is safe; try again in a moment.</p>
      <Button className="mt-4" variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
