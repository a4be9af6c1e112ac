"use client";
import Link from "next/link";
import { AlertPanel } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import type { Role } from "@/lib/validation/users";
import { BulkBar, bulkConfirmLabel, bulkDescription, BulkResultPanel, bulkTitle } from "./bulk-actions";
import { ExportUsers } from "./export-users";
import { messageOf } from "@/lib/types/action-result";
import { useUsersList, type UsersListInput } from "./use-users-list";
import { UsersFilters } from "./users-filters";
import { USERS_DESCRIPTION } from "./users-list-skeleton";
import { UsersTable, UsersTableSkeleton } from "./users-table";

// The users list: filters, bulk bar, table and pagination over the state in use-users-list.ts.

export interface UsersListPermissions {
  /** Roles the viewer may give others; empty when they may not change roles. */
  grantableRoles: Role[];
  /** May create users (shows the "New user" link). */
  create: boolean;
}

interface UsersListProps extends UsersListInput {
  permissions: UsersListPermissions;
}

export function UsersList({ permissions, ...input }: UsersListProps) {
  const { viewer } = input;
  const list = useUsersList(input);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Users"
        description={USERS_DESCRIPTION}
        actions={
          <>
            <ExportUsers filter={list.filter} />
            {permissions.create ? (
              <Link href="/admin/users/new" className={buttonClasses("primary")}>
                New user
              </Link>
            ) : null}
          </>
        }
      />

      <UsersFilters
        filter={list.filter}
        searchText={list.searchText}
        onSearchText={list.onSearchText}
        onSearchSubmit={list.onSearchSubmit}
        onChange={(patch) => list.dispatch({ type: "filter", patch })}
      />

      {list.selectionCount > 0 || list.allMatching ? (
        <BulkBar
          count={list.selectionCount}
          allMatching={list.allMatching}
          canSelectAllMatching={list.pageSelected && list.morePages}
          grantableRoles={permissions.grantableRoles}
          onSelectAllMatching={() => list.dispatch({ type: "selectAllMatching" })}
          onClear={() => list.dispatch({ type: "clearSelection" })}
          onRequest={list.setBulkRequest}
        />
      ) : null}

      <div role="status" aria-live="polite" className="empty:hidden">
        {list.bulkResult ? <BulkResultPanel key={list.bulkResult.batchId} result={list.bulkResult} onDismiss={() => list.setBulkResult(null)} /> : null}
      </div>

      {list.query.isError ? (
        <AlertPanel tone="error">
          <p className="font-medium">The users could not be loaded.</p>
          <p className="mt-1 text-sm">{messageOf(list.query.error)}</p>
          <div className="mt-4 flex gap-2">
            <Button variant="secondary" onClick={() => void list.query.refetch()} disabled={list.query.isFetching} aria-busy={list.query.isFetching}>
              {list.query.isFetching ? "Retrying…" : "Retry"}
            </Button>
            {list.cursors.length > 1 || !list.firstPageKnown ? (
              <Button variant="ghost" onClick={() => list.dispatch({ type: "reset", filter: list.filter, cursor: null })}>
                Go to the first page
              </Button>
            ) : null}
          </div>
        </AlertPanel>
      ) : !list.page ? (
        <UsersTableSkeleton />
      ) : list.users.length === 0 ? (
        <EmptyState
          title={list.hasFilter ? "No users match these filters" : "No users yet"}
          description={list.hasFilter ? "Try another search, or clear the filters to see everyone." : "Invite someone to get started."}
          action={
            list.hasFilter ? (
              <Button variant="secondary" onClick={list.clearFilters}>
                Clear filters
              </Button>
            ) : null
          }
        />
      ) : (
        <UsersTable
          users={list.users}
          viewerId={viewer.id}
          selected={list.selected}
          allMatching={list.allMatching}
          busy={list.query.isPlaceholderData}
          onSelect={(user, checked) => list.dispatch({ type: "select", users: [user], checked })}
          onSelectPage={(checked) => list.dispatch({ type: "select", users: list.selectable, checked })}
          canToggleStatus={list.canToggleStatus}
          onToggleStatus={(user) => {
            // One change at a time per row: a second one would carry the version the first replaces.
            if (!(list.toggle.isPending && list.toggle.variables?.id === user.id)) list.setToggleTarget(user);
          }}
        />
      )}

      <nav aria-label="Pagination" className="flex items-center justify-between gap-4 text-sm">
        {list.firstPageKnown || list.cursors.length > 1 ? (
          <Button variant="secondary" disabled={list.cursors.length <= 1} onClick={() => list.dispatch({ type: "previous" })}>
            Previous page
          </Button>
        ) : (
          // Opened from a link to a later page: the pages before it are not known here.
          <Button variant="secondary" onClick={() => list.dispatch({ type: "reset", filter: list.filter, cursor: null })}>
            First page
          </Button>
        )}
        <p aria-live="polite" className="text-soft">
          {list.query.isFetching && list.query.isPlaceholderData ? "Loading…" : list.firstPageKnown ? `Page ${list.cursors.length}` : null}
        </p>
        <Button
          variant="secondary"
          disabled={!list.page?.nextCursor}
          onClick={() => {
            // While the next page loads the button stays enabled (focus stays on it); a second
            // click waits for that page.
            if (list.page?.nextCursor && !list.query.isPlaceholderData) list.dispatch({ type: "next", cursor: list.page.nextCursor });
          }}
        >
          Next page
        </Button>
      </nav>

      <ConfirmDialog
        open={list.toggleTarget !== null}
        title={list.toggleTarget ? `${list.toggleTarget.isActive ? "Deactivate" : "Reactivate"} ${list.toggleTarget.name}?` : ""}
        confirmLabel={list.toggleTarget?.isActive ? "Deactivate" : "Reactivate"}
        destructive={list.toggleTarget?.isActive}
        onConfirm={list.confirmToggle}
        onCancel={() => list.setToggleTarget(null)}
      >
        {list.toggleTarget?.isActive
          ? "They can no longer sign in, and their open sessions end on their next request. Their data stays and they can be reactivated."
          : "They can sign in again with their existing password."}
      </ConfirmDialog>

      <ConfirmDialog
        open={list.bulkRequest !== null}
        title={list.bulkRequest ? bulkTitle(list.bulkRequest, list.allMatching ? "all" : list.selectionCount) : ""}
        confirmLabel={list.bulkRequest ? bulkConfirmLabel(list.bulkRequest) : ""}
        destructive={list.bulkRequest?.operation === "deactivate"}
        pending={list.bulk.isPending}
        onConfirm={list.confirmBulk}
        onCancel={() => list.setBulkRequest(null)}
      >
        {list.bulkRequest ? bulkDescription(list.bulkRequest) : null}
      </ConfirmDialog>
    </div>
  );
}
