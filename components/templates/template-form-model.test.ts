import { describe, expect, it } from "vitest";
import sample from "@/lib/templates/sample-template.json";
import { checkValues, emptyField, fromDocument, inputOf, toDocument, unrepresentable } from "./template-form-model";

describe("template form values", () => {
  it("carry the sample to the form and back unchanged", () => {
    expect(toDocument(fromDocument(sample))).toEqual(sample);
    expect(checkValues(fromDocument(sample))).toEqual({ errors: {}, general: [] });
  });

  it("keep whatever raw JSON held, valid or not, as text", () => {
    const values = fromDocument({ title: 7, fields: [{ key: "a", type: "colour", allowedValues: ["x", "y"] }, "junk"], checklist: null });
    expect(values.title).toBe("7");
    expect(values.fields).toEqual([
      { key: "a", label: "", type: "colour", required: false, help: "", allowedValues: "x\ny" },
      { key: "", label: "", type: "", required: false, help: "", allowedValues: "" },
    ]);
    expect(values.checklist).toEqual([]);
    expect(fromDocument("not an object").fields).toEqual([]);
  });

  it("put each schema problem on its row's input, and the rest in the form's message", () => {
    const values = fromDocument(sample);
    values.fields[1] = { ...values.fields[1]!, key: "jobTitle" };
    values.fields[2] = { ...values.fields[2]!, allowedValues: "Sales\nSales" };
    values.fields.push({ ...emptyField(), key: "x", label: "X", type: "colour" });
    values.checklist[0] = { ...values.checklist[0]!, fieldKey: "nowhere" };
    values.dueWithinDays = "0";
    const { errors } = checkValues(values);
    expect(errors.fields?.[1]?.key?.message).toBe('"jobTitle" is already field 1.');
    expect(errors.fields?.[2]?.allowedValues?.message).toBe("Each allowed value once.");
    expect(errors.fields?.[6]?.type?.message).toBe("Choose a field type.");
    expect(errors.checklist?.[0]?.fieldKey?.message).toBe('No field "nowhere" in this template.');
    expect(errors.dueWithinDays?.message).toBe("At least one day.");
    expect(errors.fields?.[0]).toBeUndefined();
  });

  it("name what the form cannot show, so switching to it never drops a thing", () => {
    expect(unrepresentable(sample)).toEqual([]);
    const withoutRequired: Record<string, unknown> = { ...sample.fields[4] };
    delete withoutRequired.required;
    expect(unrepresentable({ ...sample, fields: [withoutRequired, { ...sample.fields[0], type: "colour" }] })).toEqual([]);
    expect(
      unrepresentable({
        ...sample,
        owner: "x",
        schemaVersion: 2,
        dueWithinDays: "7",
        fields: [{ ...sample.fields[0], colour: "red", required: "yes" }, 3],
        checklist: [{ ...sample.checklist[4], fieldKey: "jobTitle" }, { ...sample.checklist[0], label: { en: "x" } }],
      }),
    ).toEqual(["owner", "schemaVersion", "dueWithinDays", "fields.0.colour", "fields.0.required", "fields.1", "checklist.0.fieldKey", "checklist.1.label"]);
    expect(unrepresentable([])).toEqual(["the document"]);
  });

  it("map schema paths to inputs", () => {
    expect(inputOf(["fields", 2, "allowedValues", 0])).toBe("fields.2.allowedValues");
    expect(inputOf(["checklist", 0, "statement"])).toBe("checklist.0.statement");
    expect(inputOf(["title"])).toBe("title");
    expect(inputOf(["schemaVersion"])).toBeNull();
    expect(inputOf(["fields", 1])).toBeNull();
    expect(inputOf(["fields", 1, "__proto__"])).toBeNull();
  });
});
