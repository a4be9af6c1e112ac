import type { Metadata } from "next";
import Link from "next/link";
import { TwoFactorSection } from "@/components/mfa/two-factor-section";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { secondFactorStatus, startEnrolment } from "@/lib/auth/mfa";

export const metadata: Metadata = { title: "Sign-in security" };

export default async function AccountSecurityPage() {
  const user = await requireUser();
  const status = await secondFactorStatus(user.id);
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
      <TwoFactorSection status={status} enrolment={enrolment} />
    </div>
  );
}
