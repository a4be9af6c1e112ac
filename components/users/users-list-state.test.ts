import { describe, expect, it } from "vitest";
import type { User } from "@/lib/validation/users";
import { initialState, patchUsers, reducer } from "./users-list-state";

const user = (id: string): User =>
  ({ id, name: `User ${id}`, email: `${id}@example.test`, role: "user", isActive: true, version: 1, createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-01T00:00:00.000Z" }) as User;

describe("users list reducer", () => {
  it("pages forward and back over a stack of cursors", () => {
    let state = initialState({}, null);
    state = reducer(state, { type: "next", cursor: "c2" });
    state = reducer(state, { type: "next", cursor: "c3" });
    expect(state.cursors).toEqual([null, "c2", "c3"]);
    state = reducer(state, { type: "previous" });
    expect(state.cursors).toEqual([null, "c2"]);
    expect(reducer(initialState({}, null), { type: "previous" }).cursors).toEqual([null]);
  });

  it("starts a different filter at its first page with nothing selected", () => {
    let state = reducer(initialState({}, null), { type: "next", cursor: "c2" });
    state = reducer(state, { type: "select", users: [user("a")], checked: true });
    const same = reducer(state, { type: "filter", patch: { q: "" } });
    expect(same).toBe(state);
    const other = reducer(state, { type: "filter", patch: { role: "admin" } });
    expect(other).toEqual({ filter: { role: "admin" }, cursors: [null], selected: new Map(), allMatching: false });
  });

  it("selects rows, or every matching user, and clears", () => {
    let state = reducer(initialState({}, null), { type: "select", users: [user("a"), user("b")], checked: true });
    expect([...state.selected.keys()]).toEqual(["a", "b"]);
    state = reducer(state, { type: "selectAllMatching" });
    expect(state.allMatching).toBe(true);
    state = reducer(state, { type: "select", users: [user("a")], checked: false });
    expect([...state.selected.keys()]).toEqual(["b"]);
    expect(state.allMatching).toBe(false);
    state = reducer(state, { type: "clearSelection" });
    expect(state.selected.size).toBe(0);
  });
});

describe("patchUsers", () => {
  it("changes the one user on a cached page", () => {
    const page = { items: [user("a"), user("b")], nextCursor: null };
    const patched = patchUsers(page, "b", { isActive: false });
    expect(patched?.items.map((u) => u.isActive)).toEqual([true, false]);
    expect(patchUsers(undefined, "b", { isActive: false })).toBeUndefined();
  });
});
