"use server";
import { z } from "zod";
import { signIn } from "@/lib/auth/auth";
import { requestOrigin } from "@/lib/auth/request-context";
import { safeReturnPath } from "@/lib/auth/safe-redirect";
import { env } from "@/lib/env";
import { formValues, publicAction } from "../safe-action";

// Starts a sign-in at one of the configured OIDC providers; the provider's answer comes back to
// next-auth's callback route and is decided by lib/auth/sso.ts.

const schema = z.object({ provider: z.string().max(32), callbackUrl: z.string().max(4096).catch("") });

const startSsoSignIn = publicAction(schema, async ({ provider, callbackUrl }) => {
  // Only a configured id: anything else the browser sends is not a provider.
  if (!env().SSO_PROVIDERS.some((p) => p.id === provider)) throw new Error("unknown SSO provider");
  // Redirects to the provider by throwing Next's signal, which the tier lets through.
  await signIn(provider, { redirectTo: safeReturnPath(callbackUrl, await requestOrigin()) });
});

/** For `<form action>`: each provider's button submits its id as `provider`. */
export async function ssoSignInAction(formData: FormData): Promise<void> {
  await startSsoSignIn(formValues(formData, ["provider", "callbackUrl"]));
}
