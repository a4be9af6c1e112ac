import Link from "next/link";
import { Button } from "@/components/ui/button";
import { formatUtc } from "@/components/ui/format-date";
import { RowsSkeleton } from "@/components/ui/skeleton";
import { TableHead } from "@/components/ui/table-head";
import type { User } from "@/lib/validation/users";
import type { UsersListSelection, UsersListStatusChange } from "./use-users-list";
import { UserStatusBadge } from "./user-status-badge";

// The users table: presentation only. Selection and the status toggle are decided and handled
// by the list around it (components/users/users-list.tsx). Every value is React text, so names
// and emails are escaped whatever they contain; <bdi> keeps right-to-left names from reordering
// the text around them.

const COLUMNS = ["Name", "Email", "Role", "Status", "Created", "Last sign-in"];

const checkboxClasses = "size-4 rounded border-zinc-400 accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";

interface UsersTableProps {
  users: User[];
  /** The viewer's own row has no checkbox: their account is not changed in a batch. */
  viewerId: string;
  selection: Pick<UsersListSelection, "selected" | "allMatching" | "select" | "selectPage" | "canSelect">;
  statusChange: Pick<UsersListStatusChange, "canChange" | "request">;
  busy?: boolean;
}

export function UsersTable({ users, viewerId, selection, statusChange, busy }: UsersTableProps) {
  const { selected, allMatching } = selection;
  const selectable = users.filter(selection.canSelect);
  const selectedHere = selectable.filter((u) => allMatching || selected.has(u.id)).length;
  const pageChecked = selectable.length > 0 && selectedHere === selectable.length;
  return (
    <div className="overflow-x-auto rounded-xl border border-subtle bg-surface">
      <table className="w-full text-left text-sm" aria-busy={busy || undefined}>
        <caption className="sr-only">Users</caption>
        <TableHead
          columns={COLUMNS}
          leading={
            <th scope="col" className="w-10 px-4 py-3">
              <input
                type="checkbox"
                className={checkboxClasses}
                aria-label="Select all users on this page"
                checked={pageChecked}
                disabled={allMatching || selectable.length === 0}
                ref={(el) => {
                  if (el) el.indeterminate = selectedHere > 0 && !pageChecked;
                }}
                onChange={(event) => selection.selectPage(event.target.checked)}
              />
            </th>
          }
        />
        <tbody className="divide-y divide-divider">
          {users.map((user) => {
            const isSelf = user.id === viewerId;
            const canSelect = selection.canSelect(user);
            const isSelected = canSelect && (allMatching || selected.has(user.id));
            return (
              <tr key={user.id} className={isSelected ? "bg-accent-soft/50" : undefined}>
                <td className="px-4 py-3">
                  {isSelf ? (
                    <span className="sr-only">You</span>
                  ) : !canSelect ? (
                    <span className="sr-only">You may not change this user</span>
                  ) : (
                    <input
                      type="checkbox"
                      className={checkboxClasses}
                      aria-label={`Select ${user.name}`}
                      checked={isSelected}
                      disabled={allMatching}
                      onChange={(event) => selection.select(user, event.target.checked)}
                    />
                  )}
                </td>
                <td className="px-4 py-3 font-medium">
                  {/* No prefetch: fifty rows would be fifty detail-page requests. */}
                  <Link
                    href={`/admin/users/${user.id}`}
                    prefetch={false}
                    title={user.name}
                    className="block max-w-64 truncate text-link underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
                  >
                    <bdi>{user.name}</bdi>
                  </Link>
                </td>
                <td className="px-4 py-3">
                  <span className="block max-w-72 truncate" title={user.email}>
                    {user.email}
                  </span>
                </td>
                <td className="px-4 py-3 capitalize">{user.role}</td>
                <td className="px-4 py-3">
                  <UserStatusBadge active={user.isActive} />
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-soft">
                  <time dateTime={user.createdAt}>{formatUtc(user.createdAt)}</time>
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-soft">
                  {user.lastSignInAt ? <time dateTime={user.lastSignInAt}>{formatUtc(user.lastSignInAt)}</time> : "Never"}
                </td>
                <td className="px-4 py-2 text-right">
                  {statusChange.canChange(user) ? (
                    <Button variant="secondary" className="px-2.5 py-1 text-xs whitespace-nowrap" onClick={() => statusChange.request(user)}>
                      {user.isActive ? "Deactivate" : "Reactivate"}
                      <span className="sr-only">
                        {" "}
                        <bdi>{user.name}</bdi>
                      </span>
                    </Button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function UsersTableSkeleton({ rows = 8 }: { rows?: number }) {
  return <RowsSkeleton label="Loading users" rows={rows} />;
}
