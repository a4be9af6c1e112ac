import type { ReactNode } from "react";
import type { User } from "@/lib/validation/users";
import { formatUtc, ROLE_LABELS } from "./user-detail-format";

export function StatusBadge({ active }: { active: boolean }) {
  return (
    <span
      className={
        active
          ? "rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200"
          : "rounded-full bg-zinc-200 px-2 py-0.5 text-xs font-medium text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200"
      }
    >
      {active ? "Active" : "Deactivated"}
    </span>
  );
}

/** The account's fields as stored now (the edit form below may hold someone's unsaved edits). */
export function UserDetailAccount({ user }: { user: User }) {
  const rows: Array<[string, ReactNode]> = [
    ["Email", <span key="email" className="break-all">{user.email}</span>],
    ["Role", ROLE_LABELS[user.role]],
    ["Status", <StatusBadge key="status" active={user.isActive} />],
    ["Created", <time key="created" dateTime={user.createdAt}>{formatUtc(user.createdAt)}</time>],
    ["Last changed", <time key="updated" dateTime={user.updatedAt}>{formatUtc(user.updatedAt)}</time>],
    ["Last sign-in", user.lastSignInAt ? <time key="signin" dateTime={user.lastSignInAt}>{formatUtc(user.lastSignInAt)}</time> : "Never"],
  ];
  return (
    <section aria-labelledby="account-heading" className="rounded-xl border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900">
      <h2 id="account-heading" className="text-lg font-medium">
        Account
      </h2>
      <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-medium text-zinc-600 dark:text-zinc-400">{term}</dt>
            <dd className="text-zinc-900 dark:text-zinc-100">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
