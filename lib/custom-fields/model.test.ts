import { describe, expect, it } from "vitest";
import type { JsonObject } from "./validation";
import { type FieldTree, isIsoDate, pathsOf, treeFromJson } from "./model";
import { snapshotOf } from "./snapshot";
import { addChild, allowedKinds, changeKind, editNode, moveBy, moveTo, nest, removeNode, unnest } from "./tree-edits";

const spec: JsonObject = {
  department: "Engineering",
  skills: ["TypeScript", "React"],
  preferences: { theme: "dark", notifications: true },
  manager: null,
  level: 3.5,
  started: "2024-02-29",
  roles: [{ title: "Lead", since: "2023-01-01" }],
};

const idAt = (tree: FieldTree, path: string) => [...pathsOf(tree)].find(([, p]) => p === path)?.[0] as string;
const value = (tree: FieldTree) => snapshotOf(tree).value;

describe("treeFromJson / snapshotOf", () => {
  it("round-trips any JSON object, key order included", () => {
    const tree = treeFromJson(spec);
    expect(JSON.stringify(value(tree))).toBe(JSON.stringify(spec));
    expect(snapshotOf(tree)).toMatchObject({ rootProblems: [], faithful: true, keyCount: 11 });
  });

  it("detects each kind, dates included, and only real dates", () => {
    const tree = treeFromJson(spec);
    const kind = (path: string) => tree.nodes[idAt(tree, path)]?.kind;
    expect([kind("department"), kind("skills"), kind("preferences"), kind("preferences.notifications"), kind("manager"), kind("level"), kind("started"), kind("roles.0"), kind("roles.0.since")]).toEqual([
      "text",
      "list",
      "group",
      "boolean",
      "null",
      "number",
      "date",
      "group",
      "date",
    ]);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2024-1-01")).toBe(false);
  });

  it("gives the same ids on every run (server render and hydration agree)", () => {
    expect(Object.keys(treeFromJson(spec).nodes)).toEqual(Object.keys(treeFromJson(spec).nodes));
  });

  it("keeps ids, collapsed state and a chosen text kind when rebuilt over a previous tree", () => {
    let tree = treeFromJson({ note: "2024-01-01", prefs: { a: 1 } });
    tree = changeKind(tree, idAt(tree, "note"), "text");
    tree = editNode(tree, idAt(tree, "prefs"), { collapsed: true });
    const again = treeFromJson({ prefs: { a: 2 }, note: "2024-01-01", extra: true }, tree);
    expect(idAt(again, "prefs")).toBe(idAt(tree, "prefs"));
    expect(again.nodes[idAt(again, "prefs")]?.collapsed).toBe(true);
    expect(again.nodes[idAt(again, "note")]?.kind).toBe("text");
    expect(new Set(Object.keys(again.nodes)).size).toBe(Object.keys(again.nodes).length);
  });
});

describe("problems land on their rows", () => {
  it("duplicate, empty and dotted names", () => {
    let tree = treeFromJson({ a: 1, "b.c": 2 });
    const added = addChild(tree, tree.rootId);
    tree = editNode(added.tree, added.id, { key: "a" });
    const blank = addChild(tree, tree.rootId);
    tree = blank.tree;
    const snap = snapshotOf(tree);
    expect(snap.problemsById.get(added.id)?.[0]).toContain('already named "a"');
    expect(snap.problemsById.get(idAt(tree, "b.c"))?.[0]).toContain("dot");
    expect(snap.problemsById.get(blank.id)).toEqual(["A field needs a name."]);
    expect(snap.rootProblems).toEqual([]);
    expect(snap.faithful).toBe(false);
  });

  it("depth over five on the first row too deep", () => {
    const tree = treeFromJson({ l2: { l3: { l4: { l5: { l6: { x: 1 } } } } } });
    expect(snapshotOf(tree).problemsById.get(idAt(tree, "l2.l3.l4.l5.l6"))?.[0]).toContain("5 levels");
  });

  it("size on the object and on its largest field; count on the object", () => {
    const big = treeFromJson({ small: "x", big: "y".repeat(33 * 1024) });
    const snap = snapshotOf(big);
    expect(snap.rootProblems[0]).toContain("at most 32.0 KB (this is 33.0 KB)");
    expect(snap.problemsById.get(idAt(big, "big"))?.[0]).toMatch(/^Too large: this field takes 33\.0 KB/);
    const many = treeFromJson(Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, i])));
    expect(snapshotOf(many).rootProblems[0]).toContain("200");
  });

  it("values that are not valid yet", () => {
    let tree = treeFromJson({ n: 1, d: "2024-01-01" });
    tree = editNode(tree, idAt(tree, "n"), { text: "12a" });
    tree = editNode(tree, idAt(tree, "d"), { text: "" });
    const snap = snapshotOf(tree);
    expect(snap.problemsById.get(idAt(tree, "n"))?.[0]).toContain("Enter a number");
    expect(snap.problemsById.get(idAt(tree, "d"))).toEqual(["Choose a date."]);
    expect(snap.faithful).toBe(false);
  });
});

describe("operations", () => {
  it("moves a row up and down among its siblings", () => {
    let tree = treeFromJson({ a: 1, b: 2, c: 3 });
    tree = moveBy(tree, idAt(tree, "c"), -1);
    expect(Object.keys(value(tree))).toEqual(["a", "c", "b"]);
    tree = moveBy(tree, idAt(tree, "a"), -1);
    expect(Object.keys(value(tree))).toEqual(["a", "c", "b"]);
  });

  it("nests into the group above and un-nests to just after it", () => {
    let tree = treeFromJson({ prefs: { theme: "dark" }, lang: "en", last: 1 });
    tree = nest(tree, idAt(tree, "lang"));
    expect(value(tree)).toEqual({ prefs: { theme: "dark", lang: "en" }, last: 1 });
    tree = unnest(tree, idAt(tree, "prefs.theme"));
    expect(JSON.stringify(value(tree))).toBe(JSON.stringify({ prefs: { lang: "en" }, theme: "dark", last: 1 }));
  });

  it("never moves a group into itself", () => {
    const tree = treeFromJson({ g: { inner: {} } });
    expect(moveTo(tree, idAt(tree, "g"), idAt(tree, "g.inner"), 0)).toBe(tree);
  });

  it("keeps a list item's old name for when it returns to a group", () => {
    let tree = treeFromJson({ tags: ["x"], color: "red" });
    tree = nest(tree, idAt(tree, "color"));
    expect(value(tree)).toEqual({ tags: ["x", "red"] });
    tree = unnest(tree, idAt(tree, "tags.1"));
    expect(value(tree)).toEqual({ tags: ["x"], color: "red" });
  });

  it("adds a group to a list of groups with the fields of the last one", () => {
    const tree = treeFromJson({ roles: [{ title: "Lead", since: "2023-01-01" }] });
    const { tree: next } = addChild(tree, idAt(tree, "roles"));
    expect(value(next)).toEqual({ roles: [{ title: "Lead", since: "2023-01-01" }, { title: "", since: "" }] });
  });

  it("removes a row with everything inside it", () => {
    const tree = removeNode(treeFromJson({ g: { a: { b: 1 } }, k: 1 }), "n1");
    expect(value(tree)).toEqual({ k: 1 });
    expect(Object.keys(tree.nodes)).toHaveLength(2);
  });

  it("converts kinds without losing values", () => {
    let tree = treeFromJson({ n: "42", flag: "yes", word: "hello", items: [1, 2] });
    tree = changeKind(tree, idAt(tree, "n"), "number");
    tree = changeKind(tree, idAt(tree, "flag"), "boolean");
    tree = changeKind(tree, idAt(tree, "word"), "list");
    tree = changeKind(tree, idAt(tree, "items"), "group");
    expect(value(tree)).toEqual({ n: 42, flag: true, word: ["hello"], items: { item1: 1, item2: 2 } });
    expect(allowedKinds(tree.nodes[idAt(tree, "items")]!)).toEqual(["list", "group"]);
    expect(changeKind(tree, idAt(tree, "items"), "text")).toBe(tree);
  });
});
