import type { Metadata } from "next";
import Link from "next/link";
import { TwoFactorSection } from "@/components/mfa/two-factor-section";
import { PasskeysSection } from "@/components/passkeys/passkeys-section";
import { PageHeader } from "@/components/ui/page-header";
import { Alert } from "@/components/ui/alert";
import { requireSession } from "@/lib/auth/current-user";
import { isSecondFactorDue, mustHaveSecondFactor } from "@/lib/auth/mfa-policy";
import { secondFactorStatus, startEnrolment } from "@/lib/auth/mfa";
import { listUserPasskeys, MAX_PASSKEYS } from "@/lib/auth/passkeys";

export const metadata: Metadata = { title: "Sign-in security" };

export default async function AccountSecurityPage() {
  const signedIn = await requireSession({ secondFactorSetup: true });
  const { user } = signedIn;
  const [status, passkeys] = await Promise.all([secondFactorStatus(user.id), listUserPasskeys(user.id)]);
  const required = mustHaveSecondFactor(user.role);
  // A fresh secret on every visit while it is off: nothing is stored until a code confirms it.
  const enrolment = status ? null : await startEnrolment(user);
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <PageHeader
        title="Sign-in security"
        description={
          <>
            How you sign in to your account. The browsers signed in now are on{" "}
            <Link href="/account/sessions" className="font-medium text-link underline hover:no-underline">
              Your sessions
            </Link>
            .
          </>
        }
      />
      {isSecondFactorDue(signedIn) ? <Alert tone="warning">Your role requires two-factor authentication. Set it up to continue.</Alert> : null}
      <TwoFactorSection status={status} enrolment={enrolment} required={required} />
      <PasskeysSection passkeys={passkeys} max={MAX_PASSKEYS} />
    </div>
  );
}
