// The users list's own state (components/users/use-users-list.ts): the filter, the stack of
// page cursors and the selection, changed only through the reducer's actions; and the one patch
// of a cached page after a status change.
import type { Page } from "@/lib/types/page";
import { canonicalFilter, sameFilter } from "@/lib/users/filter-url";
import type { Role, User, UserFilter } from "@/lib/validation/users";

/** One bulk change, as the bulk bar asks for it and the list's hook sends it. */
export type BulkOperation = { operation: "deactivate" | "reactivate" } | { operation: "set_role"; role: Role };

export interface ListState {
  filter: UserFilter;
  /** Cursors of the pages visited, the current one last (null: the first page). */
  cursors: Array<string | null>;
  /** Selected rows by id (kept across pages of one filter, for the names in the result). */
  selected: Map<string, User>;
  /** Every user matching the filter, rather than the rows in `selected`. */
  allMatching: boolean;
}

export type ListAction =
  | { type: "reset"; filter: UserFilter; cursor: string | null }
  | { type: "filter"; patch: UserFilter }
  | { type: "next"; cursor: string }
  | { type: "previous" }
  | { type: "select"; users: User[]; checked: boolean }
  | { type: "selectAllMatching" }
  | { type: "clearSelection" };

export function initialState(filter: UserFilter, cursor: string | null): ListState {
  return { filter, cursors: [cursor], selected: new Map(), allMatching: false };
}

export function reducer(state: ListState, action: ListAction): ListState {
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

export function patchUsers(page: Page<User> | undefined, id: string, patch: Partial<User>): Page<User> | undefined {
  return page && { ...page, items: page.items.map((u) => (u.id === id ? { ...u, ...patch } : u)) };
}
