import type { Metadata } from "next";
import { redirect, unstable_rethrow } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { AuthCard } from "@/components/ui/auth-card";
import { getCurrentSession } from "@/lib/auth/session";
import { SERVICE_UNAVAILABLE } from "@/lib/errors";
import { requestOrigin } from "@/lib/auth/request-context";
import { safeReturnPath } from "@/lib/auth/safe-redirect";
import { env } from "@/lib/env";
import { SignInForm } from "./sign-in-form";
import { SsoRefusal, SsoSignIn } from "./sso-sign-in";

export const metadata: Metadata = { title: "Sign in" };

/** Signed in already, signed out, or unknown because DynamoDB cannot be reached right now. */
async function signedInState(): Promise<"signed-in" | "signed-out" | "unavailable"> {
  try {
    // The session, not getCurrentUser(): someone who must still set up a second factor is signed in (and sent to the setup).
    return (await getCurrentSession()) ? "signed-in" : "signed-out";
  } catch (error) {
    // Next's own signals (dynamic rendering, redirects) are not failures.
    unstable_rethrow(error);
    console.error("sign-in page could not read the session", error);
    return "unavailable";
  }
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const state = await signedInState();
  const params = await searchParams;
  // Checked here too, so the page never echoes a hostile address into its form.
  const returnTo = safeReturnPath(params.callbackUrl, await requestOrigin());
  if (state === "signed-in") redirect(returnTo);
  return (
    <AuthCard title="Sign in to Pre-Work" description="Use the email and password your administrator set up.">
      {state === "unavailable" ? (
        <Alert tone="warning" className="mt-4">
          {SERVICE_UNAVAILABLE}
        </Alert>
      ) : null}
      <SsoRefusal error={params.error} />
      <SignInForm callbackUrl={returnTo} />
      <SsoSignIn providers={env().SSO_PROVIDERS.map(({ id, name }) => ({ id, name }))} callbackUrl={returnTo} />
    </AuthCard>
  );
}
