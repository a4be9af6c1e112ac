// A pre-work template (issue #14): what a profile of one kind should hold before someone starts
// work. Stored as `templates/shared/{templateId}/template.json`; this one schema validates it
// wherever it is read or written (the form, the raw-JSON editor, the server actions, the sample
// created at setup), so a template that passes here is one every page can render.
import { z } from "zod";
import { keyProblem } from "@/lib/custom-fields/validation";
import { PROFILE_TYPES } from "@/lib/validation/profile-details";

/** Bumped when the document's shape changes; readers migrate older versions up to this one. */
export const TEMPLATE_SCHEMA_VERSION = 1;

/** The custom-fields editor's value kinds a template field may ask for (containers excluded). */
export const TEMPLATE_FIELD_TYPES = ["text", "number", "boolean", "date"] as const;
export type TemplateFieldType = (typeof TEMPLATE_FIELD_TYPES)[number];

export const TEMPLATE_LIMITS = { fields: 100, checklist: 100, allowedValues: 50, text: 200, longText: 2000 } as const;

const text = (what: string, max: number = TEMPLATE_LIMITS.text) =>
  z
    .string({ error: `${what} is required.` })
    .transform((value) => value.normalize("NFC").trim())
    .pipe(z.string().min(1, `${what} is required.`).max(max, `${what} can be at most ${max} characters.`));

const optionalText = (what: string, max: number = TEMPLATE_LIMITS.longText) =>
  z
    .string()
    .max(max, `${what} can be at most ${max} characters.`)
    .transform((value) => value.normalize("NFC").trim())
    .optional();

const fieldKey = z.string({ error: "A field needs a name." }).superRefine((key, ctx) => {
  const problem = keyProblem(key);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const templateFieldSchema = z
  .object({
    key: fieldKey,
    label: text("A label"),
    type: z.enum(TEMPLATE_FIELD_TYPES, { error: "Choose a field type." }),
    required: z.boolean().default(false),
    help: optionalText("Help text", 500),
    /** The only values allowed (text fields): shown as a choice. */
    allowedValues: z.array(text("A value")).max(TEMPLATE_LIMITS.allowedValues, `At most ${TEMPLATE_LIMITS.allowedValues} values.`).optional(),
  })
  .strict()
  .superRefine((field, ctx) => {
    if (!field.allowedValues) return;
    if (field.type !== "text") ctx.addIssue({ code: "custom", path: ["allowedValues"], message: "Only text fields can list allowed values." });
    if (new Set(field.allowedValues).size !== field.allowedValues.length) ctx.addIssue({ code: "custom", path: ["allowedValues"], message: "Each allowed value once." });
  });
export type TemplateField = z.infer<typeof templateFieldSchema>;

const itemId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "Item ids are lower-case letters, digits and dashes.");

/** One thing to have done: a required field filled, a document uploaded, or a statement acknowledged. */
export const checklistItemSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ id: itemId, kind: z.literal("field"), label: text("A label"), fieldKey: fieldKey }).strict(),
    z.object({ id: itemId, kind: z.literal("document"), label: text("A label"), documentKind: text("The kind of document", 64) }).strict(),
    z.object({ id: itemId, kind: z.literal("acknowledgement"), label: text("A label"), statement: text("The statement", TEMPLATE_LIMITS.longText) }).strict(),
  ],
  { error: "Choose what the item asks for: a field, a document or an acknowledgement." },
);
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

export const templateSchema = z
  .object({
    schemaVersion: z.literal(TEMPLATE_SCHEMA_VERSION, { error: `This template's schemaVersion is not ${TEMPLATE_SCHEMA_VERSION}.` }),
    title: text("A title"),
    description: optionalText("The description"),
    profileType: z.enum(PROFILE_TYPES, { error: "Choose the kind of profile it applies to." }),
    fields: z.array(templateFieldSchema).max(TEMPLATE_LIMITS.fields, `At most ${TEMPLATE_LIMITS.fields} fields.`),
    checklist: z.array(checklistItemSchema).max(TEMPLATE_LIMITS.checklist, `At most ${TEMPLATE_LIMITS.checklist} checklist items.`),
    /** Days after the profile's creation by which the checklist should be done. */
    dueWithinDays: z.number().int("Whole days.").min(1, "At least one day.").max(365, "At most 365 days.").optional(),
  })
  .strict()
  // Run even when some field or item is wrong elsewhere (zod skips refinements of an invalid
  // object by default), so every problem shows at once; the value may then be partly invalid,
  // hence the defensive reads.
  .superRefine(
    (template, ctx) => {
      const fields: unknown[] = Array.isArray(template.fields) ? template.fields : [];
      const items: unknown[] = Array.isArray(template.checklist) ? template.checklist : [];
      const prop = (value: unknown, name: string): unknown => (typeof value === "object" && value !== null ? (value as Record<string, unknown>)[name] : undefined);
      const keys = new Map<string, number>();
      fields.forEach((field, i) => {
        const key = prop(field, "key");
        if (typeof key !== "string" || key === "") return;
        if (keys.has(key)) ctx.addIssue({ code: "custom", path: ["fields", i, "key"], message: `"${key}" is already field ${keys.get(key)! + 1}.` });
        else keys.set(key, i);
      });
      const ids = new Set<string>();
      items.forEach((item, i) => {
        const id = prop(item, "id");
        if (typeof id === "string") {
          if (ids.has(id)) ctx.addIssue({ code: "custom", path: ["checklist", i, "id"], message: `The id "${id}" is used twice.` });
          ids.add(id);
        }
        const fieldKey = prop(item, "fieldKey");
        if (prop(item, "kind") !== "field" || typeof fieldKey !== "string" || fieldKey === "") return;
        const field = keys.has(fieldKey) ? fields[keys.get(fieldKey)!] : undefined;
        if (!field) ctx.addIssue({ code: "custom", path: ["checklist", i, "fieldKey"], message: `No field "${fieldKey}" in this template.` });
        else if (prop(field, "required") !== true) ctx.addIssue({ code: "custom", path: ["checklist", i, "fieldKey"], message: `"${fieldKey}" is not a required field.` });
      });
    },
    { when: (payload) => typeof payload.value === "object" && payload.value !== null },
  );
export type Template = z.infer<typeof templateSchema>;

/** Problems keyed by dotted path ("fields.2.key"), as forms show them on the field that is wrong. */
export function templateProblems(value: unknown): Record<string, string[]> {
  const parsed = templateSchema.safeParse(value);
  if (parsed.success) return {};
  const problems: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.join(".");
    (problems[path] ??= []).push(issue.message);
  }
  return problems;
}
