import { describe, expect, it } from "vitest";
import { diff } from "./diff";

describe("diff", () => {
  it("keys changes by dotted path in the spec's shape", () => {
    const before = { name: "Work", customFields: { department: "Sales", skills: ["A"], prefs: { theme: "dark" } } };
    const after = { name: "Work", customFields: { department: "Engineering", skills: ["A"], prefs: { theme: "dark" } } };
    expect(diff(before, after)).toEqual({
      changes: { "customFields.department": { from: "Sales", to: "Engineering" } },
      affectedFields: ["customFields"],
    });
  });

  it("reports added and removed keys with null on the missing side, arrays as whole values", () => {
    const result = diff({ a: 1, list: [1, 2] }, { b: true, list: [2, 1] });
    expect(result.changes).toEqual({
      a: { from: 1, to: null },
      b: { from: null, to: true },
      list: { from: [1, 2], to: [2, 1] },
    });
    expect(result.affectedFields.sort()).toEqual(["a", "b", "list"]);
  });

  it("returns nothing for equal objects, whatever their key order", () => {
    expect(diff({ x: { y: [1] } }, { x: { y: [1] } })).toEqual({ changes: {}, affectedFields: [] });
    expect(diff({ l: [{ a: 1, b: 2 }] }, { l: [{ b: 2, a: 1 }] })).toEqual({ changes: {}, affectedFields: [] });
  });
});
