import { describe, expect, it } from "vitest";
import { customFieldProblems, type JsonValue, keyOrder, withKeyOrder } from "./validation";

const nest = (depth: number): JsonValue => (depth <= 1 ? { leaf: 1 } : { level: nest(depth - 1) });

describe("customFieldProblems", () => {
  it("accepts the spec's example", () => {
    expect(
      customFieldProblems({
        department: "Engineering",
        skills: ["TypeScript", "React", "AWS"],
        preferences: { theme: "dark", notifications: true },
        manager: null,
        level: 3.5,
      }),
    ).toEqual([]);
  });

  it("names the row of a dotted, empty, reserved or invisible key", () => {
    expect(customFieldProblems({ "a.b": 1 })).toEqual([{ path: "a.b", message: expect.stringContaining("dot") }]);
    expect(customFieldProblems({ group: { "": 1 } })[0]?.path).toBe("group.");
    expect(customFieldProblems({ __proto__x: 1, ["constructor"]: 1 }).map((p) => p.path)).toEqual(["constructor"]);
    expect(customFieldProblems({ "x\u202e": 1 })[0]?.message).toContain("invisible");
    expect(customFieldProblems({ ["k".repeat(65)]: 1 })[0]?.message).toContain("64");
  });

  it("allows depth 5 and refuses depth 6 at the first level too deep", () => {
    expect(customFieldProblems(nest(5))).toEqual([]);
    expect(customFieldProblems(nest(6))).toEqual([{ path: "level.level.level.level.level", message: expect.stringContaining("5 levels") }]);
    expect(customFieldProblems({ a: [[[[["too deep"]]]]] })[0]?.path).toBe("a.0.0.0.0");
  });

  it("counts keys at every level and measures the serialized size", () => {
    const many = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, i]));
    expect(customFieldProblems(many)).toEqual([{ path: "", message: expect.stringContaining("200") }]);
    expect(customFieldProblems({ big: "x".repeat(33 * 1024) })).toEqual([{ path: "", message: expect.stringContaining("at most 32.0 KB (this is 33.0 KB)") }]);
    expect(customFieldProblems({ big: "x".repeat(32 * 1024 - 20) })).toEqual([]);
  });

  it("refuses non-objects and non-JSON values", () => {
    expect(customFieldProblems([1])).toHaveLength(1);
    expect(customFieldProblems({ n: Number.NaN })[0]?.path).toBe("n");
  });
});

describe("key order", () => {
  it("round-trips the arranged order of nested objects, including inside lists", () => {
    const value: JsonValue = { z: 1, a: { y: 1, b: 2 }, list: [{ q: 1, c: 2 }] };
    const order = keyOrder(value);
    expect(order).toEqual({ "": ["z", "a", "list"], a: ["y", "b"], "list.0": ["q", "c"] });
    const scrambled: JsonValue = { list: [{ c: 2, q: 1 }], a: { b: 2, y: 1 }, z: 1 };
    expect(JSON.stringify(withKeyOrder(scrambled, order))).toBe(JSON.stringify(value));
  });
});
