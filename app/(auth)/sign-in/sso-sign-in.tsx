import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ssoSignInAction } from "@/lib/actions/auth/sso-sign-in";

/**
 * What a refused SSO sign-in (`?error=sso_<reason>` from lib/auth/auth.ts) tells the person.
 * Keyed by the fixed codes only: nothing the IdP or the address bar sent is shown.
 */
const SSO_REFUSALS: Record<string, string> = {
  sso_unknown: "No active account uses this email. Ask an admin to invite you.",
  sso_inactive: "This account has been deactivated. Ask an admin to reactivate it.",
  sso_unverified_email: "Your sign-in provider did not confirm your email address, so it cannot be used here.",
  sso_link_conflict: "This account is linked to a different login at your sign-in provider. Ask an admin for help.",
  sso_second_factor: "This account uses a second factor (an authenticator app or a passkey). Sign in with your password and that second step instead.",
  sso_throttled: "Too many failed attempts. Wait a few minutes and try again.",
  sso_unavailable: "Single sign-on is not available right now. Try again in a few minutes.",
};

/** The message for a refused SSO sign-in, or undefined for any other `error` value. */
export function ssoRefusalMessage(error: unknown): string | undefined {
  return typeof error === "string" && Object.hasOwn(SSO_REFUSALS, error) ? SSO_REFUSALS[error] : undefined;
}

/**
 * One button per configured OIDC provider; works without JavaScript (a plain form post). "Continue
 * with", not "Sign in with": the password form's button is "Sign in", and one name per action keeps
 * them apart for people using voice control and for tests finding it by name.
 */
export function SsoSignIn({ providers, callbackUrl }: { providers: { id: string; name: string }[]; callbackUrl: string }) {
  if (providers.length === 0) return null;
  return (
    <form action={ssoSignInAction} className="mt-6 flex flex-col gap-2 border-t border-control pt-6">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {providers.map((p) => (
        <Button key={p.id} type="submit" variant="secondary" name="provider" value={p.id}>
          Continue with {p.name}
        </Button>
      ))}
    </form>
  );
}

export function SsoRefusal({ error }: { error: unknown }) {
  return (
    <Alert tone="error" className="mt-4">
      {ssoRefusalMessage(error)}
    </Alert>
  );
}
