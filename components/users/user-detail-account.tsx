import type { ReactNode } from "react";
import type { User } from "@/lib/validation/users";
import { formatUtc } from "@/components/ui/format-date";
import { ROLE_LABELS } from "./role-labels";
import { UserStatusBadge } from "./user-status-badge";

/** The account's fields as stored now (the edit form below may hold someone's unsaved edits). */
export function UserDetailAccount({ user }: { user: User }) {
  const rows: Array<[string, ReactNode]> = [
    ["Email", <span key="email" className="break-all">{user.email}</span>],
    ["Role", ROLE_LABELS[user.role]],
    ["Status", <UserStatusBadge key="status" active={user.isActive} />],
    ["Created", <time key="created" dateTime={user.createdAt}>{formatUtc(user.createdAt)}</time>],
    ["Last changed", <time key="updated" dateTime={user.updatedAt}>{formatUtc(user.updatedAt)}</time>],
    ["Last sign-in", user.lastSignInAt ? <time key="signin" dateTime={user.lastSignInAt}>{formatUtc(user.lastSignInAt)}</time> : "Never"],
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
