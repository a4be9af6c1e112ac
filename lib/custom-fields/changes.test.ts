import { describe, expect, it } from "vitest";
import { fieldChanges, previewValue } from "./changes";

describe("fieldChanges", () => {
  it("classifies added, removed and changed fields by dotted path", () => {
    const before = { department: "Sales", level: 3, prefs: { theme: "dark", old: true }, manager: null };
    const after = { department: "Engineering", level: 3, prefs: { theme: "dark", fresh: 1 }, manager: null, skills: ["TS"] };
    expect(fieldChanges(before, after)).toEqual([
      { kind: "added", path: "prefs.fresh", to: 1 },
      { kind: "added", path: "skills", to: ["TS"] },
      { kind: "removed", path: "prefs.old", from: true },
      { kind: "changed", path: "department", from: "Sales", to: "Engineering" },
    ]);
  });

  it("tells a null value from a missing one", () => {
    expect(fieldChanges({}, { manager: null })).toEqual([{ kind: "added", path: "manager", to: null }]);
    expect(fieldChanges({ manager: null }, {})).toEqual([{ kind: "removed", path: "manager", from: null }]);
    expect(fieldChanges({ manager: null }, { manager: "Ann" })).toEqual([{ kind: "changed", path: "manager", from: null, to: "Ann" }]);
  });

  it("reports the fewest moves that explain a new order, at every level", () => {
    expect(fieldChanges({ a: 1, b: 2, c: 3 }, { c: 3, a: 1, b: 2 })).toEqual([{ kind: "moved", path: "c", fromPosition: 3, toPosition: 1 }]);
    expect(fieldChanges({ g: { x: 1, y: 2 } }, { g: { y: 2, x: 1 } })).toEqual([{ kind: "moved", path: "g.y", fromPosition: 2, toPosition: 1 }]);
  });

  it("does not call a field moved when only its neighbours came or went", () => {
    expect(fieldChanges({ a: 1, b: 2 }, { b: 2 }).map((c) => c.kind)).toEqual(["removed"]);
    expect(fieldChanges({ a: 1, b: 2 }, { z: 0, a: 1, b: 2 }).map((c) => c.kind)).toEqual(["added"]);
  });

  it("treats lists as whole values (their order is their content)", () => {
    expect(fieldChanges({ l: [1, 2] }, { l: [2, 1] })).toEqual([{ kind: "changed", path: "l", from: [1, 2], to: [2, 1] }]);
  });

  it("finds nothing to do for equal objects", () => {
    expect(fieldChanges({ a: { b: [1, { c: 2 }] } }, { a: { b: [1, { c: 2 }] } })).toEqual([]);
  });
});

describe("previewValue", () => {
  it("shows JSON text, shortened", () => {
    expect(previewValue("<b>x</b>")).toBe('"<b>x</b>"');
    expect(previewValue("x".repeat(100), 10)).toBe('"xxxxxxxx…');
  });
});
