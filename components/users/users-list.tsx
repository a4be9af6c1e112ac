"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useReducer, useRef, useState } from "react";
import { toast } from "sonner";
import { Button, buttonClasses } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { BulkResult } from "@/lib/actions/users/bulk-users";
import { bulkUsersAction } from "@/lib/actions/users/bulk-users";
import { listUsersAction } from "@/lib/actions/users/list-users";
import { setUserActiveAction } from "@/lib/actions/users/set-user-active";
import { type Actor, can } from "@/lib/auth/permissions";
import type { Page } from "@/lib/db/cursor";
import type { User } from "@/lib/db/users";
import { queryKeys } from "@/lib/query-keys";
import type { Role } from "@/lib/validation/users";
import { type BulkOperation, BulkBar, bulkConfirmLabel, bulkDescription, BulkResultPanel, bulkTitle } from "./bulk-actions";
import { ExportUsers } from "./export-users";
import { UsersFilters } from "./users-filters";
import { canonicalFilter, normaliseQuery, sameFilter, usersHref, type UsersFilter } from "./users-filter-url";
import { UsersTable, UsersTableSkeleton } from "./users-table";

// The users list in the browser: the server renders the first page (initialPage); paging,
// filtering and the status / bulk changes go through React Query with keys from
// lib/query-keys.ts. The filter lives in the URL (bookmarkable); the page position is a stack
// of cursors in memory, so Previous pops back without the server having to page backwards.

const SEARCH_DELAY_MS = 300;

export interface UsersListPermissions {
  /** Roles the viewer may give others; empty when they may not change roles. */
  grantableRoles: Role[];
  /** May create users (shows the "New user" link). */
  create: boolean;
}

interface UsersListProps {
  viewer: Actor;
  permissions: UsersListPermissions;
  initialFilter: UsersFilter;
  initialCursor: string | null;
  initialPage: Page<User>;
  /** When the server read initialPage (ms), so React Query knows how fresh it is. */
  renderedAt: number;
}

/** A failed action's message, written for the person (lib/actions/safe-action.ts). */
class ActionError extends Error {}

function messageOf(error: unknown): string {
  return error instanceof ActionError ? error.message : "We could not reach the server. Check your connection and try again.";
}

async function fetchUsers(filter: UsersFilter, cursor: string | null): Promise<Page<User>> {
  const result = await listUsersAction({ filter, cursor });
  if (!result.ok) throw new ActionError(result.error);
  return result.data;
}

interface ListState {
  filter: UsersFilter;
  /** Cursors of the pages visited, the current one last (null: the first page). */
  cursors: Array<string | null>;
  /** Selected rows by id (kept across pages of one filter, for the names in the result). */
  selected: Map<string, User>;
  /** Every user matching the filter, rather than the rows in `selected`. */
  allMatching: boolean;
}

type ListAction =
  | { type: "reset"; filter: UsersFilter; cursor: string | null }
  | { type: "filter"; patch: UsersFilter }
  | { type: "next"; cursor: string }
  | { type: "previous" }
  | { type: "select"; users: User[]; checked: boolean }
  | { type: "selectAllMatching" }
  | { type: "clearSelection" };

function initialState(filter: UsersFilter, cursor: string | null): ListState {
  return { filter, cursors: [cursor], selected: new Map(), allMatching: false };
}

function reducer(state: ListState, action: ListAction): ListState {
  switch (action.type) {
    case "reset":
      return initialState(action.filter, action.cursor);
    case "filter": {
      const filter = canonicalFilter({ ...state.filter, ...action.patch });
      // A different filter is a different list: start at its first page with nothing selected.
      return sameFilter(filter, state.filter) ? state : initialState(filter, null);
    }
    case "next":
      return { ...state, cursors: [...state.cursors, action.cursor] };
    case "previous":
      return state.cursors.length > 1 ? { ...state, cursors: state.cursors.slice(0, -1) } : state;
    case "select": {
      const selected = new Map(state.selected);
      for (const user of action.users) {
        if (action.checked) selected.set(user.id, user);
        else selected.delete(user.id);
      }
      return { ...state, selected, allMatching: false };
    }
    case "selectAllMatching":
      return { ...state, allMatching: true };
    case "clearSelection":
      return { ...state, selected: new Map(), allMatching: false };
  }
}

function patchUsers(page: Page<User> | undefined, id: string, patch: Partial<User>): Page<User> | undefined {
  return page && { ...page, items: page.items.map((u) => (u.id === id ? { ...u, ...patch } : u)) };
}

export function UsersList({ viewer, permissions, initialFilter, initialCursor, initialPage, renderedAt }: UsersListProps) {
  const queryClient = useQueryClient();
  const [state, dispatch] = useReducer(reducer, undefined, () => initialState(initialFilter, initialCursor));
  const { filter, cursors, selected, allMatching } = state;
  const cursor = cursors[cursors.length - 1] ?? null;
  const [searchText, setSearchText] = useState(initialFilter.q ?? "");
  const searchTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Every server render brings new props. A navigation here with another filter (a link such as
  // "Users" in the menu) means: show that view. A refresh after a change (the actions revalidate
  // this page) renders the view already shown: keep the page position and the selection.
  const [seenRender, setSeenRender] = useState(renderedAt);
  if (renderedAt !== seenRender) {
    setSeenRender(renderedAt);
    if (!sameFilter(initialFilter, filter)) {
      dispatch({ type: "reset", filter: initialFilter, cursor: initialCursor });
      setSearchText(initialFilter.q ?? "");
    }
  }

  // The URL follows the filter (replaceState: no server round trip, the list fetches itself).
  const syncedHref = useRef(usersHref(initialFilter));
  useEffect(() => {
    const href = usersHref(filter);
    if (href === syncedHref.current) return;
    syncedHref.current = href;
    window.history.replaceState(null, "", href);
  }, [filter]);

  useEffect(() => () => clearTimeout(searchTimer.current), []);

  const onInitialView = cursor === initialCursor && sameFilter(filter, initialFilter);
  const query = useQuery({
    queryKey: queryKeys.users.list(filter, cursor),
    queryFn: () => fetchUsers(filter, cursor),
    initialData: onInitialView ? initialPage : undefined,
    initialDataUpdatedAt: renderedAt,
    placeholderData: keepPreviousData,
  });
  const page = query.data;
  const users = page?.items ?? [];

  function onSearchText(text: string) {
    setSearchText(text);
    clearTimeout(searchTimer.current);
    searchTimer.current = setTimeout(() => dispatch({ type: "filter", patch: { q: normaliseQuery(text) } }), SEARCH_DELAY_MS);
  }

  function onSearchSubmit() {
    clearTimeout(searchTimer.current);
    dispatch({ type: "filter", patch: { q: normaliseQuery(searchText) } });
  }

  function clearFilters() {
    clearTimeout(searchTimer.current);
    setSearchText("");
    dispatch({ type: "reset", filter: {}, cursor: null });
  }

  // ---- Deactivate / reactivate one user: optimistic, rolled back if the server refuses.
  const [toggleTarget, setToggleTarget] = useState<User | null>(null);
  const toggle = useMutation({
    mutationFn: async (user: User) => {
      const result = await setUserActiveAction({ id: user.id, version: user.version, active: !user.isActive });
      if (!result.ok) throw new ActionError(result.error);
      return result.data;
    },
    onMutate: async (user) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.users.lists() });
      const snapshot = queryClient.getQueriesData<Page<User>>({ queryKey: queryKeys.users.lists() });
      queryClient.setQueriesData<Page<User>>({ queryKey: queryKeys.users.lists() }, (old) => patchUsers(old, user.id, { isActive: !user.isActive }));
      return { snapshot };
    },
    onError: (error, user, context) => {
      for (const [key, data] of context?.snapshot ?? []) queryClient.setQueryData(key, data);
      toast.error(`${user.name}: ${messageOf(error)}`);
    },
    onSuccess: (updated) => {
      queryClient.setQueriesData<Page<User>>({ queryKey: queryKeys.users.lists() }, (old) => patchUsers(old, updated.id, updated));
      toast.success(`${updated.name} was ${updated.isActive ? "reactivated" : "deactivated"}.`);
    },
    onSettled: (_data, _error, user) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.users.lists() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.users.detail(user.id) });
    },
  });

  function confirmToggle() {
    const user = toggleTarget;
    setToggleTarget(null);
    if (user) toggle.mutate(user);
  }

  // ---- Bulk changes: the selected rows, or every user matching the filter.
  const [bulkRequest, setBulkRequest] = useState<BulkOperation | null>(null);
  const [bulkResult, setBulkResult] = useState<BulkResult | null>(null);
  type BulkTarget = { ids: string[] } | { filter: UsersFilter };
  const bulk = useMutation({
    mutationFn: async ({ operation, target }: { operation: BulkOperation; target: BulkTarget }) => {
      const result = await bulkUsersAction({ ...operation, ...target });
      if (!result.ok) throw new ActionError(result.error);
      return result.data;
    },
    onSuccess: (result) => {
      setBulkResult(result);
      dispatch({ type: "clearSelection" });
    },
    onError: (error) => toast.error(messageOf(error)),
    onSettled: (_data, _error, { target }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.users.lists() });
      if ("ids" in target) for (const id of target.ids) void queryClient.invalidateQueries({ queryKey: queryKeys.users.detail(id) });
      else void queryClient.invalidateQueries({ queryKey: queryKeys.users.details() });
    },
  });

  function confirmBulk() {
    const operation = bulkRequest;
    if (!operation) return;
    setBulkResult(null);
    bulk.mutate(
      { operation, target: allMatching ? { filter } : { ids: [...selected.keys()] } },
      { onSettled: () => setBulkRequest(null) },
    );
  }

  const canToggleStatus = (user: User) => user.id !== viewer.id && can(viewer, "users.deactivate", user);
  // Your own account is changed on its own page, never by accident in a batch.
  const selectable = users.filter((u) => u.id !== viewer.id);
  const pageSelected = selectable.length > 0 && selectable.every((u) => selected.has(u.id));
  const morePages = Boolean(page?.nextCursor) || cursors.length > 1;
  const selectionCount = selected.size;
  const hasFilter = usersHref(filter) !== "/admin/users";
  const firstPageKnown = cursors[0] === null;

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
          <p className="mt-1 text-sm text-muted">Everyone with an account. Filter, search, export, or select people to change several at once.</p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <ExportUsers filter={filter} />
          {permissions.create ? (
            <Link href="/admin/users/new" className={buttonClasses("primary")}>
              New user
            </Link>
          ) : null}
        </div>
      </div>

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
        <div role="alert" className="rounded-xl border border-danger-line bg-danger-soft p-6 text-danger-ink">
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
        </div>
      ) : !page ? (
        <UsersTableSkeleton />
      ) : users.length === 0 ? (
        <div className="rounded-xl border border-dashed border-line p-10 text-center">
          <p className="font-medium">{hasFilter ? "No users match these filters" : "No users yet"}</p>
          <p className="mt-1 text-sm text-muted">
            {hasFilter ? "Try another search, or clear the filters to see everyone." : "Invite someone to get started."}
          </p>
          {hasFilter ? (
            <Button className="mt-4" variant="secondary" onClick={clearFilters}>
              Clear filters
            </Button>
          ) : null}
        </div>
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
