import type { ReactNode } from "react";
import type { User } from "@/lib/validation/users";
import { userStatus } from "@/lib/users/status";
import { formatUtc } from "@/components/ui/format-date";
import { ROLE_LABELS } from "./role-labels";
import { UserStatusBadge } from "./user-status-badge";

/**
 * Which sign-in the page shows: on your own page the one before this session's (the one you
 * would not otherwise know about), on someone else's their latest.
 */
export interface ShownSignIn {
  own: boolean;
  at: string | undefined;
}

const when = (key: string, at: string) => <time key={key} dateTime={at}>{formatUtc(at)}</time>;

/** The account's fields as stored now (the edit form below may hold someone's unsaved edits). */
export function UserDetailAccount({ user, signIn }: { user: User; signIn: ShownSignIn }) {
  const status = userStatus(user);
  const rows: Array<[string, ReactNode]> = [
    ["Email", <span key="email" className="break-all">{user.email}</span>],
    ["Role", ROLE_LABELS[user.role]],
    ["Status", <UserStatusBadge key="status" status={status} />],
    ...(user.invitedAt ? [["Invitation sent", <span key="invited">{when("invited-at", user.invitedAt)}, no password set yet</span>] as [string, ReactNode]] : []),
    ["Created", when("created", user.createdAt)],
    ["Last changed", when("updated", user.updatedAt)],
    signIn.own
      ? ["Previous sign-in", signIn.at ? <span key="signin">{when("signin-at", signIn.at)} (before this session)</span> : "None before this session"]
      : ["Latest sign-in", signIn.at ? when("signin", signIn.at) : "Never"],
  ];
  return (
    <section aria-labelledby="account-heading" className="rounded-xl border border-subtle bg-surface p-6">
      <h2 id="account-heading" className="text-lg font-medium">
        Account
      </h2>
      <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-medium text-muted">{term}</dt>
            <dd className="text-fg">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
