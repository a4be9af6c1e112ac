import { describe, expect, it } from "vitest";
import { locationIn, locationOf, offsetOf, problemsByPath, readTemplateText, TEMPLATE_MAX_BYTES } from "./json-text";
import sample from "./sample-template.json";

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** The 1-based line and column of the first occurrence of `needle` in `text`. */
function find(text: string, needle: string, from = 0) {
  return locationOf(text, text.indexOf(needle, from));
}

describe("readTemplateText", () => {
  it("reads the sample", () => {
    expect(readTemplateText(pretty(sample))).toEqual({ ok: true, value: sample });
  });

  it("gives a syntax error its line and column", () => {
    const text = `{\n  "title": "x",\n  "fields": [1 2]\n}`;
    const read = readTemplateText(text);
    expect(read).toEqual({ ok: false, problems: [expect.objectContaining({ path: "", message: "A comma was expected.", at: { line: 3, column: 16 } })] });
    expect(readTemplateText(`${pretty(sample)},`)).toMatchObject({ ok: false, problems: [{ message: "Nothing may follow the document." }] });
    expect(readTemplateText(`{ // note\n}`)).toMatchObject({ ok: false, problems: [{ message: "JSON has no comments.", at: { line: 1, column: 3 } }] });
    expect(readTemplateText("")).toMatchObject({ ok: false, problems: [{ path: "" }] });
  });

  it("puts each schema problem at its path and at the line and column of its value", () => {
    const template = structuredClone(sample) as { fields: Array<Record<string, unknown>>; checklist: Array<Record<string, unknown>> };
    template.fields[1] = { ...template.fields[1]!, type: "colour" };
    template.fields[4] = { ...template.fields[4]!, key: "jobTitle" };
    template.checklist[0] = { ...template.checklist[0]!, fieldKey: "nowhere" };
    const text = pretty(template);
    const read = readTemplateText(text);
    if (read.ok) throw new Error("expected problems");
    const byPath = Object.fromEntries(read.problems.map((p) => [p.path, p]));
    expect(byPath["fields.1.type"]?.at).toEqual(find(text, '"colour"'));
    expect(byPath["fields.4.key"]).toMatchObject({ message: '"jobTitle" is already field 1.', at: locationOf(text, text.lastIndexOf('"jobTitle"')) });
    expect(byPath["checklist.0.fieldKey"]).toMatchObject({ message: 'No field "nowhere" in this template.', at: find(text, '"nowhere"') });
    expect(problemsByPath(read.problems)["fields.1.type"]).toEqual([`line ${find(text, '"colour"').line}, column ${find(text, '"colour"').column}: Choose a field type.`]);
  });

  it("points a missing property at its object, and refuses a key written twice", () => {
    const text = `{\n  "schemaVersion": 1,\n  "profileType": "professional",\n  "fields": [],\n  "checklist": []\n}`;
    expect(readTemplateText(text)).toMatchObject({ ok: false, problems: [{ path: "title", at: { line: 1, column: 1 } }] });
    const twice = `{\n  "title": "a",\n  "title": "b"\n}`;
    expect(readTemplateText(twice)).toEqual({ ok: false, problems: [{ path: "title", message: '"title" is written twice in this object.', at: { line: 3, column: 3 } }] });
  });

  it("refuses a text over the limit, saying the limit and its size", () => {
    const big = pretty({ ...sample, description: "x".repeat(TEMPLATE_MAX_BYTES) });
    const read = readTemplateText(big);
    expect(read).toMatchObject({ ok: false, problems: [{ path: "", at: null }] });
    if (read.ok) return;
    expect(read.problems[0]!.message).toMatch(/^A template can be at most 256(\.0)? KB \(this one is 2\d\d(\.\d)? KB\)\.$/);
    expect(problemsByPath(read.problems)).toEqual({ form: [read.problems[0]!.message] });
  });

  it("counts columns from 1 after a newline, and finds the offset back", () => {
    expect(locationOf("ab\ncd", 3)).toEqual({ line: 2, column: 1 });
    expect(locationOf("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    const text = pretty(sample);
    for (const offset of [0, 17, 400, text.length]) expect(offsetOf(text, locationOf(text, offset))).toBe(offset);
    expect(offsetOf("ab", { line: 9, column: 9 })).toBe(2);
    expect(locationIn("fields.1.type: line 12, column 15: Choose a field type.")).toEqual({ line: 12, column: 15 });
    expect(locationIn("A title is required.")).toBeNull();
  });
});
