import { describe, expect, it } from "vitest";
import { formatJsonText, lineAndColumn, parseJsonText } from "./json-text";

describe("parseJsonText", () => {
  it("parses what JSON.parse parses, keeping key order", () => {
    const text = '{"z": 1, "a": {"y": [true, false, null, -1.5e3, "t\\u00e9\\n\\"x\\""]}, "b": {}}';
    const result = parseJsonText(text);
    expect(result).toEqual({ ok: true, value: JSON.parse(text) });
    if (result.ok) expect(JSON.stringify(result.value)).toBe(JSON.stringify(JSON.parse(text)));
  });

  it("reports a mistake with its line and column", () => {
    const text = '{\n  "a": 1,\n  "b": 2\n  "c": 3\n}';
    expect(parseJsonText(text)).toMatchObject({ ok: false, line: 4, column: 3, message: expect.stringContaining('Expected "," or "}"') });
  });

  it("refuses a duplicate key at the second occurrence, naming its object", () => {
    const text = '{"prefs": {"theme": "dark",\n "theme": "light"}}';
    const result = parseJsonText(text);
    expect(result).toMatchObject({ ok: false, line: 2, column: 2 });
    if (!result.ok) expect(result.message).toBe('Duplicate field name "theme" in "prefs": each name may appear once');
    expect(parseJsonText('{"a": 1, "a": 1}')).toMatchObject({ ok: false, message: expect.stringContaining("the top level") });
  });

  it("refuses what JSON refuses: trailing commas, single quotes, comments, leading zeros, bare words", () => {
    for (const text of ['{"a": 1,}', "[1,]", "{'a': 1}", '{"a": 1} // note', '{"a": 01}', '{"a": 1.}', "{a: 1}", '{"a": undefined}', '"a\nb"', "", "{"]) {
      expect(parseJsonText(text).ok, text).toBe(false);
    }
  });

  it("keeps a __proto__ key as plain data", () => {
    const result = parseJsonText('{"__proto__": {"polluted": true}}');
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(Object.keys(result.value as object)).toEqual(["__proto__"]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it("refuses absurd nesting without exhausting the stack", () => {
    expect(parseJsonText("[".repeat(100_000))).toMatchObject({ ok: false, message: expect.stringContaining("Nested more than") });
  });

  it("counts columns in characters, not UTF-16 units", () => {
    expect(lineAndColumn('{"🙂": x', 8)).toEqual({ line: 1, column: 8 });
  });

  it("formats with two-space indentation", () => {
    expect(formatJsonText({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}');
  });
});
