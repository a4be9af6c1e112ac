"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useReducer, useRef, useState } from "react";
import { toast } from "sonner";
import type { BulkResult } from "@/lib/actions/users/bulk-users";
import { bulkUsersAction } from "@/lib/actions/users/bulk-users";
import { listUsersAction } from "@/lib/actions/users/list-users";
import { setUserActiveAction } from "@/lib/actions/users/set-user-active";
import { type Actor, can } from "@/lib/auth/permissions";
import type { Page } from "@/lib/types/page";
import type { User, UserFilter } from "@/lib/validation/users";
import { queryKeys } from "@/lib/query-keys";
import { callAction, messageOf } from "@/lib/types/action-result";
import type { BulkOperation } from "./bulk-actions";
import { canonicalFilter, normaliseQuery, sameFilter, usersHref } from "@/lib/users/filter-url";

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


function fetchUsers(filter: UserFilter, cursor: string | null): Promise<Page<User>> {
  return callAction(() => listUsersAction({ filter, cursor }));
}

type BulkTarget = { ids: string[] } | { filter: UserFilter };

interface ListState {
  filter: UserFilter;
  /** Cursors of the pages visited, the current one last (null: the first page). */
  cursors: Array<string | null>;
  /** Selected rows by id (kept across pages of one filter, for the names in the result). */
  selected: Map<string, User>;
  /** Every user matching the filter, rather than the rows in `selected`. */
  allMatching: boolean;
}

type ListAction =
  | { type: "reset"; filter: UserFilter; cursor: string | null }
  | { type: "filter"; patch: UserFilter }
  | { type: "next"; cursor: string }
  | { type: "previous" }
  | { type: "select"; users: User[]; checked: boolean }
  | { type: "selectAllMatching" }
  | { type: "clearSelection" };

function initialState(filter: UserFilter, cursor: string | null): ListState {
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

  return {
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
  };
}
