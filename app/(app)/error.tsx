"use client";
import { AlertPanel } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export default function SignedInError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <AlertPanel tone="error">
      <h1 className="text-lg font-semibold">Something went wrong</h1>
      <p className="mt-1 text-sm">We could not load this page. Your data is safe; try again in a moment.</p>
      <Button className="mt-4" variant="secondary" onClick={reset}>
        Try again
      </Button>
    </AlertPanel>
  );
}
