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
  const {
    filter,
    cursors,
    selected,
    allMatching,
    dispatch,
    searchText,
    onSearchText,
    onSearchSubmit,
    clearFilters,
    query,
    page,
    users,
    toggle,
    toggleTarget,
    setToggleTarget,
    confirmToggle,
    bulk,
    bulkRequest,
    setBulkRequest,
    bulkResult,
    setBulkResult,
    confirmBulk,
    canToggleStatus,
    selectable,
    pageSelected,
    morePages,
    selectionCount,
    hasFilter,
    firstPageKnown,
  } = useUsersList(input);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Users"
        description={USERS_DESCRIPTION}
        actions={
          <>
            <ExportUsers filter={filter} />
            {permissions.create ? (
              <Link href="/admin/users/new" className={buttonClasses("primary")}>
                New user
              </Link>
            ) : null}
          </>
        }
      />

      <UsersFilters
        filter={filter}
        searchText={searchText}
        onSearchText={onSearchText}
        onSearchSubmit={onSearchSubmit}
        onChange={(patch) => dispatch({ type: "filter", patch })}
      />

      {selectionCount > 0 || allMatching ? (
        <BulkBar
          count={selectionCount}
          allMatching={allMatching}
          canSelectAllMatching={pageSelected && morePages}
          grantableRoles={permissions.grantableRoles}
          onSelectAllMatching={() => dispatch({ type: "selectAllMatching" })}
          onClear={() => dispatch({ type: "clearSelection" })}
          onRequest={setBulkRequest}
        />
      ) : null}

      <div role="status" aria-live="polite" className="empty:hidden">
        {bulkResult ? <BulkResultPanel key={bulkResult.batchId} result={bulkResult} onDismiss={() => setBulkResult(null)} /> : null}
      </div>

      {query.isError ? (
        <AlertPanel tone="error">
          <p className="font-medium">The users could not be loaded.</p>
          <p className="mt-1 text-sm">{messageOf(query.error)}</p>
          <div className="mt-4 flex gap-2">
            <Button variant="secondary" onClick={() => void query.refetch()} disabled={query.isFetching} aria-busy={query.isFetching}>
              {query.isFetching ? "Retrying…" : "Retry"}
            </Button>
            {cursors.length > 1 || !firstPageKnown ? (
              <Button variant="ghost" onClick={() => dispatch({ type: "reset", filter, cursor: null })}>
                Go to the first page
              </Button>
            ) : null}
          </div>
        </AlertPanel>
      ) : !page ? (
        <UsersTableSkeleton />
      ) : users.length === 0 ? (
        <EmptyState
          title={hasFilter ? "No users match these filters" : "No users yet"}
          description={hasFilter ? "Try another search, or clear the filters to see everyone." : "Invite someone to get started."}
          action={
            hasFilter ? (
              <Button variant="secondary" onClick={clearFilters}>
                Clear filters
              </Button>
            ) : null
          }
        />
      ) : (
        <UsersTable
          users={users}
          viewerId={viewer.id}
          selected={selected}
          allMatching={allMatching}
          busy={query.isPlaceholderData}
          onSelect={(user, checked) => dispatch({ type: "select", users: [user], checked })}
          onSelectPage={(checked) => dispatch({ type: "select", users: selectable, checked })}
          canToggleStatus={canToggleStatus}
          onToggleStatus={(user) => {
            // One change at a time per row: a second one would carry the version the first replaces.
            if (!(toggle.isPending && toggle.variables?.id === user.id)) setToggleTarget(user);
          }}
        />
      )}

      <nav aria-label="Pagination" className="flex items-center justify-between gap-4 text-sm">
        {firstPageKnown || cursors.length > 1 ? (
          <Button variant="secondary" disabled={cursors.length <= 1} onClick={() => dispatch({ type: "previous" })}>
            Previous page
          </Button>
        ) : (
          // Opened from a link to a later page: the pages before it are not known here.
          <Button variant="secondary" onClick={() => dispatch({ type: "reset", filter, cursor: null })}>
            First page
          </Button>
        )}
        <p aria-live="polite" className="text-soft">
          {query.isFetching && query.isPlaceholderData ? "Loading…" : firstPageKnown ? `Page ${cursors.length}` : null}
        </p>
        <Button
          variant="secondary"
          disabled={!page?.nextCursor}
          onClick={() => {
            // While the next page loads the button stays enabled (focus stays on it); a second
            // click waits for that page.
            if (page?.nextCursor && !query.isPlaceholderData) dispatch({ type: "next", cursor: page.nextCursor });
          }}
        >
          Next page
        </Button>
      </nav>

      <ConfirmDialog
        open={toggleTarget !== null}
        title={toggleTarget ? `${toggleTarget.isActive ? "Deactivate" : "Reactivate"} ${toggleTarget.name}?` : ""}
        confirmLabel={toggleTarget?.isActive ? "Deactivate" : "Reactivate"}
        destructive={toggleTarget?.isActive}
        onConfirm={confirmToggle}
        onCancel={() => setToggleTarget(null)}
      >
        {toggleTarget?.isActive
          ? "They can no longer sign in, and their open sessions end on their next request. Their data stays and they can be reactivated."
          : "They can sign in again with their existing password."}
      </ConfirmDialog>

      <ConfirmDialog
        open={bulkRequest !== null}
        title={bulkRequest ? bulkTitle(bulkRequest, allMatching ? "all" : selectionCount) : ""}
        confirmLabel={bulkRequest ? bulkConfirmLabel(bulkRequest) : ""}
        destructive={bulkRequest?.operation === "deactivate"}
        pending={bulk.isPending}
        onConfirm={confirmBulk}
        onCancel={() => setBulkRequest(null)}
      >
        {bulkRequest ? bulkDescription(bulkRequest) : null}
      </ConfirmDialog>
    </div>
  );
}
