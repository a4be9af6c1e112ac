import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { requestOrigin } from "@/lib/auth/request-context";
import { safeReturnPath } from "@/lib/auth/safe-redirect";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  // Checked here too, so the page never echoes a hostile address into its form.
  const returnTo = safeReturnPath((await searchParams).callbackUrl, await requestOrigin());
  if (await getCurrentUser()) redirect(returnTo);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-zinc-200 bg-white p-8 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <h1 className="text-2xl font-semibold tracking-tight">Sign in to Pre-Work</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Use the email and password your administrator set up.</p>
        <SignInForm callbackUrl={returnTo} />
      </div>
    </main>
  );
}
