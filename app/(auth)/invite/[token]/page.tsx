import type { Metadata } from "next";
import Link from "next/link";
import { SetPasswordForm } from "@/components/users/set-password-form";
import { formatUtc } from "@/components/ui/format-date";
import { AuthCard } from "@/components/ui/auth-card";
import { findInvite, INVALID_LINK } from "@/lib/db/invites";
import { getUser } from "@/lib/db/users";

const LINK = "text-sm font-medium text-link underline hover:no-underline";

export const metadata: Metadata = { title: "Set your password", robots: { index: false, follow: false } };

/**
 * Public: the link's token is the credential. A link that is unknown, replaced, used or expired
 * gets a message and no form, and the page itself changes nothing.
 */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await findInvite(token);
  const user = invite ? await getUser(invite.userId, { consistent: true }) : null;

  if (!invite || !user?.isActive) {
    return (
      <AuthCard title="This link cannot be used" wide>
        <p className="mt-2 text-sm text-soft">{INVALID_LINK}</p>
        <div className="mt-4 flex gap-4">
          <Link href="/sign-in" className={LINK}>
            Go to sign in
          </Link>
          <Link href="/forgot-password" className={LINK}>
            Send me a new link
          </Link>
        </div>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title={invite.kind === "invite" ? `Welcome, ${user.name}` : "Set a new password"}
      description={
        <>
          Choose a password for <span className="font-medium text-strong">{user.email}</span>. This link works once and
          expires <time dateTime={invite.expiresAt}>{formatUtc(invite.expiresAt)}</time>.
        </>
      }
      wide
    >
      <SetPasswordForm token={token} email={user.email} />
    </AuthCard>
  );
}
