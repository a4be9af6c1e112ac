"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient, type UseQueryResult } from "@tanstack/react-query";
import { useEffect, useReducer, useRef, useState } from "react";
import { toast } from "sonner";
import type { BulkResult } from "@/lib/actions/users/bulk-users";
import { bulkUsersAction } from "@/lib/actions/users/bulk-users";
import { listUsersAction } from "@/lib/actions/users/list-users";
import { countUsersAction, type UsersCount } from "@/lib/actions/users/count-users";
import { setUserActiveAction } from "@/lib/actions/users/set-user-active";
import { resendInviteAction } from "@/lib/actions/users/resend-invite";
import { type Actor, can } from "@/lib/auth/permissions";
import type { Page } from "@/lib/types/page";
import type { User, UserFilter } from "@/lib/validation/users";
import { queryKeys } from "@/lib/query-keys";
import { callAction, messageOf } from "@/lib/types/action-result";
import type { BulkOperation } from "./users-list-state";
import type { Delivery } from "./invite-link";
import { differsBeyondSearch, filterFromParams, normaliseQuery, sameFilter, usersHref } from "@/lib/users/filter-url";
import { initialState, patchUsers, reducer } from "./users-list-state";

// The users list's state in the browser: the server renders the first page (initialPage);
// paging, filtering and the status / bulk changes go through React Query with keys from
// lib/query-keys.ts. The filter lives in the URL (bookmarkable); the page position is a stack
// of cursors in memory, so Previous pops back without the server having to page backwards.
// The view is components/users/users-list.tsx.

const SEARCH_DELAY_MS = 300;

export interface UsersListInput {
  viewer: Actor;
  initialFilter: UserFilter;
  initialCursor: string | null;
  initialPage: Page<User>;
  /** When the server read initialPage (ms), so React Query knows how fresh it is. */
  renderedAt: number;
}

/** The filter in the URL, the search box (applied after a typing pause) and their changes. */
export interface UsersListFilter {
  value: UserFilter;
  searchText: string;
  onSearchText: (text: string) => void;
  /** Apply the search now (Enter) instead of after the typing pause. */
  onSearchSubmit: () => void;
  change: (patch: UserFilter) => void;
  clear: () => void;
  /** Anything other than everyone in the default order. */
  active: boolean;
}

/** The current page's users, as React Query has them. */
export interface UsersListResults {
  query: UseQueryResult<Page<User>>;
  /** How many match the filter and how many of them the viewer may change; undefined while counting. */
  count: UsersCount | undefined;
  page: Page<User> | undefined;
  users: User[];
}

export interface UsersListPaging {
  /** Pages visited: the current page's number when the first page is known. */
  number: number;
  /** False when the list was opened from a link to a later page: the pages before it are unknown. */
  firstPageKnown: boolean;
  hasPrevious: boolean;
  hasNext: boolean;
  /** Another page is being fetched while the last one stays on screen. */
  loading: boolean;
  previous: () => void;
  next: () => void;
  first: () => void;
}

/** Selected rows, or every user matching the filter. */
export interface UsersListSelection {
  selected: ReadonlyMap<string, User>;
  allMatching: boolean;
  count: number;
  /** How many "all matching" would change, once counted. */
  allMatchingCount: UsersCount["changeable"] | undefined;
  /** The whole page is selected and the filter has more pages. */
  canSelectAllMatching: boolean;
  /** Whether the viewer may change this user in a batch (never themselves; managers only role-user accounts). */
  canSelect: (user: User) => boolean;
  select: (user: User, checked: boolean) => void;
  selectPage: (checked: boolean) => void;
  selectAllMatching: () => void;
  clear: () => void;
}

/** Deactivating or reactivating one user, confirmed first. */
export interface UsersListStatusChange {
  /** The user the confirmation is about, while it is open. */
  target: User | null;
  /** Whether the viewer may deactivate / reactivate this user (decided by lib/auth/permissions). */
  canChange: (user: User) => boolean;
  request: (user: User) => void;
  cancel: () => void;
  confirm: () => void;
}

/** A new invitation link for someone who has not set a password yet, and the link it made. */
export interface UsersListResend {
  canResend: (user: User) => boolean;
  request: (user: User) => void;
  /** The user whose invitation is being sent. */
  pendingId: string | null;
  result: ResentInvite | null;
  dismissResult: () => void;
}

export interface ResentInvite {
  user: Pick<User, "id" | "name" | "email">;
  inviteUrl: string;
  expiresAt: string;
  emailed?: Delivery;
}

/** A change to the selection as a whole, confirmed first, and what it did. */
export interface UsersListBulk {
  request: BulkOperation | null;
  ask: (operation: BulkOperation) => void;
  cancel: () => void;
  confirm: () => void;
  pending: boolean;
  result: BulkResult | null;
  dismissResult: () => void;
}

function fetchUsers(filter: UserFilter, cursor: string | null): Promise<Page<User>> {
  return callAction(() => listUsersAction({ filter, cursor }));
}

type BulkTarget = { ids: string[] } | { filter: UserFilter };

export function useUsersList({ viewer, initialFilter, initialCursor, initialPage, renderedAt }: UsersListInput) {
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

  // The URL follows the filter without a server round trip (the list fetches itself). A change
  // of role, status or sort is a history entry, so Back returns to the view before; the search
  // text replaces the entry, so Back does not replay each word typed.
  const syncedHref = useRef(usersHref(initialFilter));
  const syncedFilter = useRef(initialFilter);
  useEffect(() => {
    const href = usersHref(filter);
    if (href === syncedHref.current) return;
    const push = differsBeyondSearch(syncedFilter.current, filter);
    syncedHref.current = href;
    syncedFilter.current = filter;
    if (push) window.history.pushState(null, "", href);
    else window.history.replaceState(null, "", href);
  }, [filter]);

  // Back and Forward: the list shows the view the URL now names.
  useEffect(() => {
    function onPopState() {
      const next = filterFromParams(new URLSearchParams(window.location.search));
      syncedHref.current = usersHref(next);
      syncedFilter.current = next;
      clearTimeout(searchTimer.current);
      setSearchText(next.q ?? "");
      dispatch({ type: "reset", filter: next, cursor: null });
    }
    window.addEventListener("popstate", onPopState);
    return () => window.removeEventListener("popstate", onPopState);
  }, []);

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
  // Counted apart from the page, so the page costs no more reads: counters for role and status,
  // a bounded count for a search (lib/db/user-search.ts).
  const countQuery = useQuery({
    queryKey: queryKeys.users.count(filter),
    queryFn: () => callAction(() => countUsersAction({ filter })),
    placeholderData: keepPreviousData,
  });
  const count = countQuery.isPlaceholderData ? undefined : countQuery.data;

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
    mutationFn: (user: User) => callAction(() => setUserActiveAction({ id: user.id, version: user.version, active: !user.isActive })),
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
      void queryClient.invalidateQueries({ queryKey: queryKeys.users.counts() });
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
  const bulk = useMutation({
    mutationFn: ({ operation, target }: { operation: BulkOperation; target: BulkTarget }) => callAction(() => bulkUsersAction({ ...operation, ...target })),
    onSuccess: (result) => {
      setBulkResult(result);
      dispatch({ type: "clearSelection" });
    },
    onError: (error) => toast.error(messageOf(error)),
    onSettled: (_data, _error, { target }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.users.lists() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.users.counts() });
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

  // ---- Resend an invitation: the new link is shown (and emailed) above the rows.
  const [resent, setResent] = useState<ResentInvite | null>(null);
  const resendMutation = useMutation({
    mutationFn: (user: User) => callAction(() => resendInviteAction({ id: user.id })),
    onMutate: () => setResent(null),
    onSuccess: (link, user) => {
      setResent({ user: { id: user.id, name: user.name, email: user.email }, ...link });
      void queryClient.invalidateQueries({ queryKey: queryKeys.users.detail(user.id) });
    },
    onError: (error, user) => toast.error(`${user.name}: ${messageOf(error)}`),
  });

  const canToggleStatus = (user: User) => user.id !== viewer.id && can(viewer, "users.deactivate", user);
  // Your own account is changed on its own page, never by accident in a batch; and nobody
  // selects an account they may not change.
  const canSelect = (user: User) => user.id !== viewer.id && (can(viewer, "users.deactivate", user) || can(viewer, "users.change_role", user));
  const selectable = users.filter(canSelect);
  const pageSelected = selectable.length > 0 && selectable.every((u) => selected.has(u.id));
  const morePages = Boolean(page?.nextCursor) || cursors.length > 1;
  const toFirstPage = () => dispatch({ type: "reset", filter, cursor: null });

  const filterControls: UsersListFilter = {
    value: filter,
    searchText,
    onSearchText,
    onSearchSubmit,
    change: (patch) => dispatch({ type: "filter", patch }),
    clear: clearFilters,
    active: usersHref(filter) !== "/admin/users",
  };
  const results: UsersListResults = { query, count, page, users };
  const paging: UsersListPaging = {
    number: cursors.length,
    firstPageKnown: cursors[0] === null,
    hasPrevious: cursors.length > 1,
    hasNext: Boolean(page?.nextCursor),
    loading: query.isFetching && query.isPlaceholderData,
    previous: () => dispatch({ type: "previous" }),
    // While the next page loads the button stays enabled (focus stays on it); a second click
    // waits for that page.
    next: () => {
      if (page?.nextCursor && !query.isPlaceholderData) dispatch({ type: "next", cursor: page.nextCursor });
    },
    first: toFirstPage,
  };
  const selection: UsersListSelection = {
    selected,
    allMatching,
    count: selected.size,
    allMatchingCount: count?.changeable,
    canSelect,
    canSelectAllMatching: pageSelected && morePages && count?.changeable.n !== 0,
    select: (user, checked) => dispatch({ type: "select", users: [user], checked }),
    selectPage: (checked) => dispatch({ type: "select", users: selectable, checked }),
    selectAllMatching: () => dispatch({ type: "selectAllMatching" }),
    clear: () => dispatch({ type: "clearSelection" }),
  };
  const statusChange: UsersListStatusChange = {
    target: toggleTarget,
    canChange: canToggleStatus,
    request: (user) => {
      // One change at a time per row: a second one would carry the version the first replaces.
      if (!(toggle.isPending && toggle.variables?.id === user.id)) setToggleTarget(user);
    },
    cancel: () => setToggleTarget(null),
    confirm: confirmToggle,
  };
  const bulkChange: UsersListBulk = {
    request: bulkRequest,
    ask: setBulkRequest,
    cancel: () => setBulkRequest(null),
    confirm: confirmBulk,
    pending: bulk.isPending,
    result: bulkResult,
    dismissResult: () => setBulkResult(null),
  };
  const resend: UsersListResend = {
    canResend: (user) => user.id !== viewer.id && can(viewer, "users.edit", user),
    request: (user) => {
      if (!resendMutation.isPending) resendMutation.mutate(user);
    },
    pendingId: resendMutation.isPending ? (resendMutation.variables?.id ?? null) : null,
    result: resent,
    dismissResult: () => setResent(null),
  };
  return { filter: filterControls, results, paging, selection, statusChange, bulk: bulkChange, resend };
}
