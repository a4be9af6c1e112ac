import type { Metadata } from "next";
import Link from "next/link";
import { SetPasswordForm } from "@/components/users/set-password-form";
import { formatUtc } from "@/components/users/user-detail-format";
import { findInvite } from "@/lib/db/invites";
import { getUser } from "@/lib/db/users";

export const metadata: Metadata = { title: "Set your password", robots: { index: false, follow: false } };

/**
 * Public: the link's token is the credential. A link that is unknown, replaced, used or expired
 * gets a message and no form, and the page itself changes nothing.
 */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await findInvite(token);
  const user = invite ? await getUser(invite.userId, { consistent: true }) : null;

  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md rounded-xl border border-zinc-200 bg-white p-8 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        {invite && user?.isActive ? (
          <>
            <h1 className="text-2xl font-semibold tracking-tight">{invite.kind === "invite" ? `Welcome, ${user.name}` : "Set a new password"}</h1>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
              Choose a password for <span className="font-medium text-zinc-800 dark:text-zinc-200">{user.email}</span>. This link works once
              and expires <time dateTime={invite.expiresAt}>{formatUtc(invite.expiresAt)}</time>.
            </p>
            <SetPasswordForm token={token} email={user.email} />
          </>
        ) : (
          <>
            <h1 className="text-2xl font-semibold tracking-tight">This link cannot be used</h1>
            <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">
              This link is invalid, expired or already used. Ask an administrator for a new one.
            </p>
            <Link href="/sign-in" className="mt-4 inline-block text-sm font-medium text-indigo-700 underline hover:no-underline dark:text-indigo-300">
              Go to sign in
            </Link>
          </>
        )}
      </div>
    </main>
  );
}
