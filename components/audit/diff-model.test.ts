import { describe, expect, it } from "vitest";
import { describeChange, diffTree, displayValue, otherDetails } from "./diff-model";

describe("diffTree", () => {
  it("nests dotted paths under their groups, in recorded order", () => {
    const tree = diffTree({
      name: { from: "Work", to: "Work Profile" },
      "customFields.department": { from: "Sales", to: "Engineering" },
      "customFields.address.city": { from: "Oslo", to: null },
    });
    expect(tree.map((n) => n.key)).toEqual(["name", "customFields"]);
    expect(tree[0]!.change).toEqual({ kind: "value", from: "Work", to: "Work Profile" });
    const custom = tree[1]!;
    expect(custom.change).toBeUndefined();
    expect(custom.children.map((n) => n.path)).toEqual(["customFields.department", "customFields.address"]);
    expect(custom.children[1]!.children[0]).toMatchObject({ key: "city", change: { kind: "value", from: "Oslo", to: null } });
  });

  it("ignores a malformed change set instead of failing", () => {
    expect(diffTree(undefined)).toEqual([]);
    expect(diffTree({ a: "raw" })[0]!.change).toEqual({ kind: "value", from: null, to: "raw" });
  });
});

describe("describeChange", () => {
  it("shows lists as items added and removed, compared by content", () => {
    expect(describeChange(["Go", { lang: "Rust", level: 2 }, "Java"], ["Go", { level: 2, lang: "Rust" }, "Zig"])).toEqual({
      kind: "list",
      added: ["Zig"],
      removed: ["Java"],
    });
  });

  it("counts repeated items", () => {
    expect(describeChange(["a", "a"], ["a"])).toEqual({ kind: "list", added: [], removed: ["a"] });
  });

  it("treats a missing list as empty", () => {
    expect(describeChange(null, ["x", 2])).toEqual({ kind: "list", added: ["x", "2"], removed: [] });
  });

  it("keeps a change between a list and a non-list a plain value change", () => {
    expect(describeChange("x", ["x"])).toEqual({ kind: "value", from: "x", to: '["x"]' });
  });
});

describe("values as text", () => {
  it("keeps markup as text and JSON-encodes structures", () => {
    expect(displayValue("<script>alert(1)</script>")).toBe("<script>alert(1)</script>");
    expect(displayValue({ a: [1, true] })).toBe('{"a":[1,true]}');
    expect(displayValue("")).toBeNull();
    expect(displayValue(false)).toBe("false");
  });

  it("lists the other details, leaving out the change set it renders as a tree", () => {
    expect(otherDetails({ profileId: "p1", changes: {}, affectedFields: ["name"], reordered: true })).toEqual([
      { key: "profileId", value: "p1" },
      { key: "reordered", value: "true" },
    ]);
    expect(otherDetails({ email: "a@b.c", affectedFields: ["x"] })).toEqual([
      { key: "email", value: "a@b.c" },
      { key: "affectedFields", value: '["x"]' },
    ]);
  });
});
