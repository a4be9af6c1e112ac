// Field names that are also the names of Object.prototype's members. The policy, the same in the
// browser and on the server because both run these modules: "__proto__", "constructor" and
// "prototype" are refused with a message on their row; every other such name (toString,
// hasOwnProperty, __defineGetter__, …) is an ordinary field, kept, diffed, audited and shown
// like any other. Nothing is dropped, and no change lacks its from/to.
import { describe, expect, it } from "vitest";
import { diff } from "@/lib/audit/diff";
import { rebase } from "@/lib/profiles/rebase";
import { fieldChanges } from "./changes";
import { formatJsonText, parseJsonText } from "./json-text";
import { treeFromJson } from "./model";
import { customFieldsSchema } from "./schema";
import { snapshotOf } from "./snapshot";
import { customFieldProblems, type JsonObject, keyOrder, withKeyOrder } from "./validation";

const RESERVED = ["__proto__", "constructor", "prototype"];
const MEMBERS = Object.getOwnPropertyNames(Object.prototype).filter((name) => !RESERVED.includes(name));

/** `{ [key]: value }` with the key as an own data property whatever it is (as JSON.parse makes it). */
const own = (key: string, value: JsonObject[string]): JsonObject => JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value)}}`) as JsonObject;

describe("field names that Object.prototype also uses", () => {
  it("covers every member of Object.prototype", () => {
    expect(MEMBERS).toEqual(expect.arrayContaining(["toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "__defineGetter__", "__lookupSetter__"]));
  });

  it.each(RESERVED)("%s is refused on its row, at any depth, in the browser's rules and the server's schema alike", (key) => {
    for (const value of [own(key, 1), { group: own(key, "x") }]) {
      const problems = customFieldProblems(value);
      expect(problems.map((p) => p.message)).toContain("This name is reserved.");
      expect(customFieldsSchema.safeParse(value).success).toBe(false);
    }
  });

  it.each(MEMBERS)("%s is an ordinary field: valid, kept through the editor, the JSON text and the stored key order", (key) => {
    const value: JsonObject = { ...own(key, "v"), group: own(key, 2), nested: own(key, { inner: 1 }) };
    expect(customFieldProblems(value)).toEqual([]);
    expect(customFieldsSchema.safeParse(value).success).toBe(true);
    expect(snapshotOf(treeFromJson(value)).value).toEqual(value);
    const parsed = parseJsonText(formatJsonText(value));
    expect(parsed.ok && parsed.value).toEqual(value);
    expect(withKeyOrder(value, keyOrder(value))).toEqual(value);
    // An order recorded before the field existed still reads back (no inherited lookups).
    expect(withKeyOrder(value, {})).toEqual(value);
  });

  it.each(MEMBERS)("%s added, changed and removed: every audit change has JSON from/to, and the review lists it", (key) => {
    const cases: Array<[JsonObject, JsonObject, { from: unknown; to: unknown }]> = [
      [{}, own(key, "new"), { from: null, to: "new" }],
      [own(key, "a"), own(key, "b"), { from: "a", to: "b" }],
      [own(key, 1), {}, { from: 1, to: null }],
    ];
    for (const [before, after, change] of cases) {
      const result = diff({ customFields: before }, { customFields: after });
      expect(Object.keys(result.changes)).toEqual([`customFields.${key}`]);
      expect(result.changes[`customFields.${key}`]).toEqual(change);
      expect(JSON.parse(JSON.stringify(result.changes))).toEqual(result.changes);
      expect(fieldChanges(before, after).map((c) => c.path)).toEqual([key]);
    }
    // Re-applying my edit on top of theirs keeps both, and does not invent a change.
    const merged = rebase(
      { name: "n", type: "custom", customFields: { other: 1 } },
      { name: "n", type: "custom", customFields: { other: 1, ...own(key, "mine") } },
      { name: "n", type: "custom", customFields: { other: 2 } },
    );
    expect(merged.draft.customFields).toEqual({ other: 2, ...own(key, "mine") });
    expect(merged.overlaps).toEqual([]);
  });
});

describe("the audit's change shape", () => {
  it("refuses a change without a JSON from or to, so no entry is written without them", async () => {
    const { changeSetSchema } = await import("@/lib/audit/catalogue");
    const ok = { changes: { "customFields.a": { from: null, to: { b: [1, "x", true] } } }, affectedFields: ["customFields"] };
    expect(changeSetSchema.safeParse(ok).success).toBe(true);
    for (const bad of [{ to: 1 }, { from: undefined, to: 1 }, { from: Object.prototype.toString, to: 1 }, { from: 1, to: new Date() }]) {
      expect(changeSetSchema.safeParse({ changes: { "customFields.a": bad }, affectedFields: ["customFields"] }).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
