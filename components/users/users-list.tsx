"use client";
import Link from "next/link";
import { AlertPanel } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import type { Role } from "@/lib/validation/users";
import { BulkBar, bulkConfirmLabel, bulkDescription, BulkResultPanel, bulkTitle, usersCountLabel } from "./bulk-actions";
import { ExportUsers } from "./export-users";
import { messageOf } from "@/lib/types/action-result";
import {
  useUsersList,
  type UsersListBulk,
  type UsersListInput,
  type UsersListPaging,
  type UsersListSelection,
  type UsersListStatusChange,
} from "./use-users-list";
import { UsersFilters } from "./users-filters";
import { USERS_DESCRIPTION } from "./users-list-skeleton";
import { UsersTable, UsersTableSkeleton } from "./users-table";
import { ResentInvitePanel } from "./resent-invite-panel";

// The users list: filters, bulk bar, table and pagination over the state in use-users-list.ts.

export interface UsersListPermissions {
  /** Roles the viewer may give others; empty when they may not change roles. */
  grantableRoles: Role[];
  /** May create users (shows the "New user" link). */
  create: boolean;
}

interface UsersListProps extends UsersListInput {
  permissions: UsersListPermissions;
  /** The viewer's sign-in before this session's, for their own row. */
  viewerSignInBefore?: string;
}

export function UsersList({ permissions, viewerSignInBefore, ...input }: UsersListProps) {
  const { viewer } = input;
  const { filter, results, paging, selection, statusChange, bulk, resend } = useUsersList(input);
  const { query, page, users } = results;
  // A filter or page change keeps the rows it replaces on screen, dimmed and marked busy, until
  // the new ones arrive (React Query's placeholder data), instead of a skeleton in their place.
  const pending = query.isFetching && query.isPlaceholderData;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Users"
        description={USERS_DESCRIPTION}
        actions={
          <>
            <ExportUsers filter={filter.value} />
            {permissions.create ? (
              <Link href="/admin/users/new" className={buttonClasses("primary")}>
                New user
              </Link>
            ) : null}
          </>
        }
      />

      <UsersFilters filter={filter} />

      <p className="-mt-3 text-sm text-muted" aria-live="polite">
        {results.count ? usersCountLabel(results.count.matching) : "Counting users…"}
      </p>

      {selection.count > 0 || selection.allMatching ? <BulkBar selection={selection} grantableRoles={permissions.grantableRoles} onRequest={bulk.ask} /> : null}

      <div role="status" aria-live="polite" className="empty:hidden">
        {bulk.result ? <BulkResultPanel key={bulk.result.batchId} result={bulk.result} onDismiss={bulk.dismissResult} /> : null}
        {resend.result ? <ResentInvitePanel key={resend.result.inviteUrl} resent={resend.result} onDismiss={resend.dismissResult} /> : null}
      </div>

      {query.isError ? (
        <AlertPanel tone="error">
          <p className="font-medium">The users could not be loaded.</p>
          <p className="mt-1 text-sm">{messageOf(query.error)}</p>
          <div className="mt-4 flex gap-2">
            <Button variant="secondary" onClick={() => void query.refetch()} disabled={query.isFetching} aria-busy={query.isFetching}>
              {query.isFetching ? "Retrying…" : "Retry"}
            </Button>
            {paging.hasPrevious || !paging.firstPageKnown ? (
              <Button variant="ghost" onClick={paging.first}>
                Go to the first page
              </Button>
            ) : null}
          </div>
        </AlertPanel>
      ) : !page ? (
        <UsersTableSkeleton />
      ) : users.length === 0 ? (
        <EmptyState
          title={filter.active ? "No users match these filters" : "No users yet"}
          description={filter.active ? "Try another search, or clear the filters to see everyone." : "Invite someone to get started."}
          action={
            filter.active ? (
              <Button variant="secondary" onClick={filter.clear}>
                Clear filters
              </Button>
            ) : null
          }
        />
      ) : (
        <div id="users-results" aria-label="User results" role="region" aria-busy={pending || undefined} className="relative">
          {pending ? (
            <div role="progressbar" aria-label="Loading users" className="absolute inset-x-0 top-0 z-10 h-1 overflow-hidden rounded-t-xl bg-accent-soft">
              <div className="h-full w-1/3 animate-pulse bg-indigo-600" />
            </div>
          ) : null}
          <div className={pending ? "pointer-events-none opacity-50 transition-opacity" : "transition-opacity"}>
            <UsersTable
              users={users}
              viewerId={viewer.id}
              viewerSignInBefore={viewerSignInBefore}
              selection={selection}
              statusChange={statusChange}
              resend={resend}
            />
          </div>
        </div>
      )}

      <Pagination paging={paging} />
      <StatusChangeDialog statusChange={statusChange} />
      <BulkDialog bulk={bulk} selection={selection} />
    </div>
  );
}

function Pagination({ paging }: { paging: UsersListPaging }) {
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between gap-4 text-sm">
      {paging.firstPageKnown || paging.hasPrevious ? (
        <Button variant="secondary" disabled={!paging.hasPrevious} onClick={paging.previous}>
          Previous page
        </Button>
      ) : (
        // Opened from a link to a later page: the pages before it are not known here.
        <Button variant="secondary" onClick={paging.first}>
          First page
        </Button>
      )}
      <p aria-live="polite" className="text-soft">
        {paging.loading ? "Loading…" : paging.firstPageKnown ? `Page ${paging.number}` : null}
      </p>
      <Button variant="secondary" disabled={!paging.hasNext} onClick={paging.next}>
        Next page
      </Button>
    </nav>
  );
}

function StatusChangeDialog({ statusChange: { target, confirm, cancel } }: { statusChange: UsersListStatusChange }) {
  return (
    <ConfirmDialog
      open={target !== null}
      title={target ? `${target.isActive ? "Deactivate" : "Reactivate"} ${target.name}?` : ""}
      confirmLabel={target?.isActive ? "Deactivate" : "Reactivate"}
      destructive={target?.isActive}
      onConfirm={confirm}
      onCancel={cancel}
    >
      {target?.isActive
        ? "They can no longer sign in, and their open sessions end on their next request. Their data stays and they can be reactivated."
        : "They can sign in again with their existing password."}
    </ConfirmDialog>
  );
}

function BulkDialog({ bulk: { request, pending, confirm, cancel }, selection }: { bulk: UsersListBulk; selection: UsersListSelection }) {
  return (
    <ConfirmDialog
      open={request !== null}
      title={request ? bulkTitle(request, selection.allMatching ? (selection.allMatchingCount ?? "all") : selection.count) : ""}
      confirmLabel={request ? bulkConfirmLabel(request) : ""}
      destructive={request?.operation === "deactivate"}
      pending={pending}
      onConfirm={confirm}
      onCancel={cancel}
    >
      {request ? bulkDescription(request) : null}
    </ConfirmDialog>
  );
}
