import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { SERVICE_UNAVAILABLE } from "@/lib/errors";
import { requestOrigin } from "@/lib/auth/request-context";
import { safeReturnPath } from "@/lib/auth/safe-redirect";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

/** Signed in already, signed out, or unknown because DynamoDB cannot be reached right now. */
async function signedInState(): Promise<"signed-in" | "signed-out" | "unavailable"> {
  try {
    return (await getCurrentUser()) ? "signed-in" : "signed-out";
  } catch (error) {
    console.error("sign-in page could not read the session", error);
    return "unavailable";
  }
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const state = await signedInState();
  // Checked here too, so the page never echoes a hostile address into its form.
  const returnTo = safeReturnPath((await searchParams).callbackUrl, await requestOrigin());
  if (state === "signed-in") redirect(returnTo);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-zinc-200 bg-white p-8 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <h1 className="text-2xl font-semibold tracking-tight">Sign in to Pre-Work</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Use the email and password your administrator set up.</p>
        {state === "unavailable" ? (
          <p role="status" className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
            {SERVICE_UNAVAILABLE}
          </p>
        ) : null}
        <SignInForm callbackUrl={returnTo} />
      </div>
    </main>
  );
}
