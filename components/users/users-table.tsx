import Link from "next/link";
import { Button } from "@/components/ui/button";
import { formatUtc } from "@/components/ui/format-date";
import { RowsSkeleton } from "@/components/ui/skeleton";
import { TableHead } from "@/components/ui/table-head";
import type { User } from "@/lib/validation/users";
import { userStatus } from "@/lib/users/status";
import type { UsersListResend, UsersListSelection, UsersListStatusChange } from "./use-users-list";
import { UserStatusBadge } from "./user-status-badge";

// The users table: presentation only. Selection, the status toggle and resending an invitation
// are decided and handled by the list around it (components/users/users-list.tsx). Every value
// is React text, so names and emails are escaped whatever they contain; <bdi> keeps
// right-to-left names from reordering the text around them.
//
// One set of rows for every width: a table from md up, and below it (phones) the same rows laid
// out as cards by `max-md:` classes (name, email, role, status, dates with their labels, and the
// row's actions as buttons), so nothing scrolls sideways and nothing is rendered twice.

const COLUMNS = ["Name", "Email", "Role", "Status", "Created", "Last sign-in"];

const checkboxClasses = "size-4 rounded border-zinc-400 accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";
/** A card's line: the second column of the card's grid, no table padding. */
const cardLine = "max-md:col-start-2 max-md:block max-md:px-0 max-md:py-0";
/** A card's labelled line (the column heading is hidden on phones). */
const labelled = `${cardLine} max-md:before:mr-1 max-md:before:font-medium max-md:before:text-muted max-md:before:content-[attr(data-label)]`;

interface UsersTableProps {
  users: User[];
  /** The viewer's own row has no checkbox: their account is not changed in a batch. */
  viewerId: string;
  /** The viewer's sign-in before this session's: their own row shows it, not this session's. */
  viewerSignInBefore?: string;
  selection: Pick<UsersListSelection, "selected" | "allMatching" | "select" | "selectPage" | "canSelect">;
  statusChange: Pick<UsersListStatusChange, "canChange" | "request">;
  resend: Pick<UsersListResend, "canResend" | "request" | "pendingId">;
}

export function UsersTable({ users, viewerId, viewerSignInBefore, selection, statusChange, resend }: UsersTableProps) {
  const { selected, allMatching } = selection;
  const selectable = users.filter(selection.canSelect);
  const selectedHere = selectable.filter((u) => allMatching || selected.has(u.id)).length;
  const pageChecked = selectable.length > 0 && selectedHere === selectable.length;
  return (
    <div className="rounded-xl border border-subtle bg-surface md:overflow-x-auto max-md:border-0 max-md:bg-transparent">
      <table className="w-full text-left text-sm max-md:block">
        <caption className="sr-only">Users</caption>
        <TableHead
          className="max-md:hidden"
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
        <tbody className="divide-y divide-divider max-md:flex max-md:flex-col max-md:gap-3 max-md:divide-y-0">
          {users.map((user) => {
            const isSelf = user.id === viewerId;
            const canSelect = selection.canSelect(user);
            const isSelected = canSelect && (allMatching || selected.has(user.id));
            const status = userStatus(user);
            const signIn = isSelf ? viewerSignInBefore : user.lastSignInAt;
            return (
              <tr
                key={user.id}
                className={`${isSelected ? "bg-accent-soft/50" : ""} max-md:grid max-md:grid-cols-[1.5rem_minmax(0,1fr)] max-md:gap-x-2 max-md:gap-y-1 max-md:rounded-xl max-md:border max-md:border-subtle max-md:p-4 ${isSelected ? "" : "max-md:bg-surface"}`}
              >
                <td className="px-4 py-3 max-md:col-start-1 max-md:row-span-6 max-md:row-start-1 max-md:p-0 max-md:pt-0.5">
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
                <td className={`px-4 py-3 font-medium ${cardLine}`}>
                  {/* No prefetch: fifty rows would be fifty detail-page requests. */}
                  <Link
                    href={`/admin/users/${user.id}`}
                    prefetch={false}
                    title={user.name}
                    className="block max-w-64 truncate text-link underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600 max-md:max-w-full"
                  >
                    <bdi>{user.name}</bdi>
                  </Link>
                </td>
                <td className={`px-4 py-3 ${cardLine}`}>
                  <span className="block max-w-72 truncate max-md:max-w-full" title={user.email}>
                    {user.email}
                  </span>
                </td>
                <td className={`px-4 py-3 capitalize ${cardLine} max-md:text-soft`}>{user.role}</td>
                <td className={`px-4 py-3 ${cardLine}`}>
                  <UserStatusBadge status={status} />
                </td>
                <td className={`whitespace-nowrap px-4 py-3 text-soft ${labelled} max-md:text-xs`} data-label="Created">
                  <time dateTime={user.createdAt}>{formatUtc(user.createdAt)}</time>
                </td>
                <td className={`whitespace-nowrap px-4 py-3 text-soft ${labelled} max-md:text-xs`} data-label="Last sign-in">
                  {signIn ? <time dateTime={signIn}>{formatUtc(signIn)}</time> : isSelf ? "None" : "Never"}
                  {/* Your own row: the sign-in before this session (this one you know about). */}
                  {isSelf ? <span className="ml-1 text-xs md:ml-0 md:block">(yours before this session)</span> : null}
                </td>
                <td className="px-4 py-2 text-right max-md:col-start-2 max-md:flex max-md:flex-wrap max-md:justify-start max-md:gap-2 max-md:px-0 max-md:pt-2 max-md:pb-0">
                  <span className="inline-flex flex-wrap justify-end gap-2">
                    {status === "invited" && resend.canResend(user) ? (
                      <Button
                        variant="secondary"
                        className="px-2.5 py-1 text-xs whitespace-nowrap"
                        disabled={resend.pendingId === user.id}
                        aria-busy={resend.pendingId === user.id || undefined}
                        onClick={() => resend.request(user)}
                      >
                        {resend.pendingId === user.id ? "Sending…" : "Resend invite"}
                        <span className="sr-only">
                          {" "}
                          to <bdi>{user.name}</bdi>
                        </span>
                      </Button>
                    ) : null}
                    {statusChange.canChange(user) ? (
                      <Button variant="secondary" className="px-2.5 py-1 text-xs whitespace-nowrap" onClick={() => statusChange.request(user)}>
                        {user.isActive ? "Deactivate" : "Reactivate"}
                        <span className="sr-only">
                          {" "}
                          <bdi>{user.name}</bdi>
                        </span>
                      </Button>
                    ) : null}
                  </span>
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
