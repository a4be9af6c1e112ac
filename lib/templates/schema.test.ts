import { describe, expect, it } from "vitest";
import sample from "./sample-template.json";
import { templateProblems, templateSchema } from "./schema";

const minimal = { schemaVersion: 1, title: "T", profileType: "professional", fields: [], checklist: [] };

describe("template schema", () => {
  it("accepts the sample template shipped with the app", () => {
    expect(templateProblems(sample)).toEqual({});
    expect(templateSchema.parse(sample).checklist).toHaveLength(7);
  });

  it("puts each problem on the field that is wrong", () => {
    const problems = templateProblems({
      ...minimal,
      title: "   ",
      fields: [
        { key: "__proto__", label: "Sneaky", type: "text" },
        { key: "n", label: "N", type: "number", allowedValues: ["1"] },
      ],
      checklist: [{ id: "c", kind: "telepathy", label: "C" }],
    });
    expect(problems).toEqual({
      title: ["A title is required."],
      "fields.0.key": ["This name is reserved."],
      "fields.1.allowedValues": ["Only text fields can list allowed values."],
      "checklist.0.kind": ["Choose what the item asks for: a field, a document or an acknowledgement."],
    });
  });

  it("checks the rules between fields and checklist items once each part is valid", () => {
    const problems = templateProblems({
      ...minimal,
      fields: [
        { key: "team", label: "Team", type: "text", required: true },
        { key: "team", label: "Team again", type: "number" },
        { key: "n", label: "N", type: "number" },
      ],
      checklist: [
        { id: "a", kind: "field", label: "A", fieldKey: "missing" },
        { id: "a", kind: "field", label: "B", fieldKey: "n" },
      ],
    });
    expect(problems).toEqual({
      "fields.1.key": ['"team" is already field 1.'],
      "checklist.0.fieldKey": ['No field "missing" in this template.'],
      "checklist.1.id": ['The id "a" is used twice.'],
      "checklist.1.fieldKey": ['"n" is not a required field.'],
    });
  });

  it("refuses unknown keys, other schema versions and hostile sizes", () => {
    expect(templateProblems({ ...minimal, extra: 1 })[""]).toBeDefined();
    expect(templateProblems({ ...minimal, schemaVersion: 2 })).toEqual({ schemaVersion: ["This template's schemaVersion is not 1."] });
    expect(templateProblems({ ...minimal, title: "x".repeat(201) })).toEqual({ title: ["A title can be at most 200 characters."] });
    expect(templateProblems({ ...minimal, dueWithinDays: 0.5 })).toEqual({ dueWithinDays: ["Whole days."] });
    expect(Object.keys(templateProblems({ ...minimal, fields: Array.from({ length: 101 }, (_, i) => ({ key: `k${i}`, label: "L", type: "text" })) }))).toEqual(["fields"]);
  });

  it("normalises text (NFC, trimmed) so one title is stored one way", () => {
    const parsed = templateSchema.parse({ ...minimal, title: "  Cafe\u0301 starters " });
    expect(parsed.title).toBe("Café starters");
  });
});
