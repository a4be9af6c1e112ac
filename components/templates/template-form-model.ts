// The structured template form's values and their document, both ways. Every input is a
// string or a boolean as typed, so nothing typed is lost to a conversion; the document they make
// is checked by the one template schema (lib/templates/schema.ts), and each of its problems is
// put back on the row and input its path names.
import type { FieldError, FieldErrors } from "react-hook-form";
import { TEMPLATE_SCHEMA_VERSION, templateSchema } from "@/lib/templates/schema";

export interface FieldRow {
  key: string;
  label: string;
  /** A TemplateFieldType, or whatever raw JSON said (shown as unknown until changed). */
  type: string;
  required: boolean;
  help: string;
  /** One allowed value a line; empty for none. */
  allowedValues: string;
}

export interface ItemRow {
  id: string;
  kind: string;
  label: string;
  fieldKey: string;
  documentKind: string;
  statement: string;
}

export interface TemplateFormValues {
  title: string;
  description: string;
  profileType: string;
  /** Digits as typed; empty for no due date. */
  dueWithinDays: string;
  fields: FieldRow[];
  checklist: ItemRow[];
}

export const ITEM_KINDS = [
  { value: "field", label: "Field to fill" },
  { value: "document", label: "Document to upload" },
  { value: "acknowledgement", label: "Statement to acknowledge" },
] as const;

export const emptyField = (): FieldRow => ({ key: "", label: "", type: "text", required: true, help: "", allowedValues: "" });
export const emptyItem = (): ItemRow => ({ id: "", kind: "field", label: "", fieldKey: "", documentKind: "", statement: "" });

const str = (value: unknown) => (typeof value === "string" ? value : value === undefined || value === null ? "" : JSON.stringify(value));
const record = (value: unknown): Record<string, unknown> => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** A document (valid or not, as raw JSON may hold it) as the form's values. */
export function fromDocument(input: unknown): TemplateFormValues {
  const doc = record(input);
  return {
    title: str(doc.title),
    description: str(doc.description),
    profileType: str(doc.profileType),
    dueWithinDays: doc.dueWithinDays === undefined ? "" : str(doc.dueWithinDays),
    fields: list(doc.fields).map((raw) => {
      const f = record(raw);
      return {
        key: str(f.key),
        label: str(f.label),
        type: str(f.type),
        required: f.required === true,
        help: str(f.help),
        allowedValues: list(f.allowedValues).map(str).join("\n"),
      };
    }),
    checklist: list(doc.checklist).map((raw) => {
      const i = record(raw);
      return { id: str(i.id), kind: str(i.kind), label: str(i.label), fieldKey: str(i.fieldKey), documentKind: str(i.documentKind), statement: str(i.statement) };
    }),
  };
}

const lines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

/** The document the form's values make (unchecked: the schema says what is wrong with it). */
export function toDocument(values: TemplateFormValues): Record<string, unknown> {
  const due = values.dueWithinDays.trim();
  return {
    schemaVersion: TEMPLATE_SCHEMA_VERSION,
    title: values.title,
    ...(values.description.trim() ? { description: values.description } : {}),
    profileType: values.profileType,
    fields: values.fields.map((f) => ({
      key: f.key,
      label: f.label,
      type: f.type,
      required: f.required,
      ...(f.help.trim() ? { help: f.help } : {}),
      ...(lines(f.allowedValues).length ? { allowedValues: lines(f.allowedValues) } : {}),
    })),
    checklist: values.checklist.map((i) => {
      const base = { id: i.id, kind: i.kind, label: i.label };
      if (i.kind === "field") return { ...base, fieldKey: i.fieldKey };
      if (i.kind === "document") return { ...base, documentKind: i.documentKind };
      if (i.kind === "acknowledgement") return { ...base, statement: i.statement };
      return base;
    }),
    ...(due ? { dueWithinDays: /^-?\d+(\.\d+)?$/.test(due) ? Number(due) : due } : {}),
  };
}

export const prettyDocument = (values: TemplateFormValues) => JSON.stringify(toDocument(values), null, 2);

const TOP = new Set(["title", "description", "profileType", "dueWithinDays"]);
const FIELD_INPUTS = new Set(["key", "label", "type", "required", "help", "allowedValues"]);
const ITEM_INPUTS = new Set(["id", "kind", "label", "fieldKey", "documentKind", "statement"]);

/** The form input a schema path is about ("fields.2.allowedValues.0" → "fields.2.allowedValues"), or null. */
export function inputOf(path: ReadonlyArray<PropertyKey>): string | null {
  const [first, index, name] = path.map(String);
  if (path.length === 1 && TOP.has(first!)) return first!;
  if (path.length >= 3 && /^\d+$/.test(index!) && ((first === "fields" && FIELD_INPUTS.has(name!)) || (first === "checklist" && ITEM_INPUTS.has(name!)))) return `${first}.${index}.${name}`;
  return null;
}

/** Where a problem with no input of its own is described: "Field 2", "Checklist item 1", "The template". */
function placeOf(path: ReadonlyArray<PropertyKey>): string {
  const [first, index] = path;
  if (first === "fields" && typeof index === "number") return `Field ${index + 1}`;
  if (first === "checklist" && typeof index === "number") return `Checklist item ${index + 1}`;
  if (first === "fields") return "Fields";
  if (first === "checklist") return "Checklist";
  return "The template";
}

function setIn(target: Record<string, unknown>, segments: string[], error: FieldError): void {
  let node: Record<string, unknown> = target;
  segments.forEach((segment, i) => {
    if (i === segments.length - 1) {
      const existing = node[segment] as FieldError | undefined;
      node[segment] = existing ? { ...existing, message: `${existing.message} ${error.message}` } : error;
      return;
    }
    const nextIsIndex = /^\d+$/.test(segments[i + 1]!);
    node[segment] ??= nextIsIndex ? [] : {};
    node = node[segment] as Record<string, unknown>;
  });
}

export interface Checked {
  errors: FieldErrors<TemplateFormValues>;
  /** Problems with no input of their own, each saying where ("Field 2: …"). */
  general: string[];
}

/** The schema's verdict on the form's values, as react-hook-form errors by input. */
export function checkValues(values: TemplateFormValues): Checked {
  const parsed = templateSchema.safeParse(toDocument(values));
  if (parsed.success) return { errors: {}, general: [] };
  const errors: Record<string, unknown> = {};
  const general: string[] = [];
  for (const issue of parsed.error.issues) {
    const input = inputOf(issue.path);
    if (input) setIn(errors, input.split("."), { type: "schema", message: issue.message });
    else general.push(`${placeOf(issue.path)}: ${issue.message}`);
  }
  if (general.length) errors.root = { type: "schema", message: general.join(" ") };
  return { errors: errors as FieldErrors<TemplateFormValues>, general };
}

const TOP_KEYS = new Set(["schemaVersion", "title", "description", "profileType", "dueWithinDays", "fields", "checklist"]);
const ITEM_KEYS: Record<string, string> = { field: "fieldKey", document: "documentKind", acknowledgement: "statement" };

/**
 * What in a JSON document the form has no input for, by path: a property a template does not
 * have, a value of the wrong shape, another schemaVersion. The form would drop these, so the
 * switch to it is refused while there are any.
 */
export function unrepresentable(input: unknown): string[] {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return ["the document"];
  const doc = input as Record<string, unknown>;
  const out: string[] = [];
  const isText = (v: unknown) => v === undefined || typeof v === "string";
  for (const key of Object.keys(doc)) if (!TOP_KEYS.has(key)) out.push(key);
  if (doc.schemaVersion !== TEMPLATE_SCHEMA_VERSION) out.push("schemaVersion");
  for (const key of ["title", "description", "profileType"]) if (!isText(doc[key])) out.push(key);
  if (doc.dueWithinDays !== undefined && typeof doc.dueWithinDays !== "number") out.push("dueWithinDays");
  const rows = (name: "fields" | "checklist", check: (row: Record<string, unknown>, path: string) => void) => {
    if (doc[name] === undefined) return;
    if (!Array.isArray(doc[name])) return void out.push(name);
    (doc[name] as unknown[]).forEach((row, i) => {
      if (typeof row !== "object" || row === null || Array.isArray(row)) out.push(`${name}.${i}`);
      else check(row as Record<string, unknown>, `${name}.${i}`);
    });
  };
  rows("fields", (f, path) => {
    for (const key of Object.keys(f)) if (!FIELD_INPUTS.has(key)) out.push(`${path}.${key}`);
    for (const key of ["key", "label", "type", "help"]) if (!isText(f[key])) out.push(`${path}.${key}`);
    if (f.required !== undefined && typeof f.required !== "boolean") out.push(`${path}.required`);
    if (f.allowedValues !== undefined && !(Array.isArray(f.allowedValues) && f.allowedValues.every((v) => typeof v === "string" && v.trim() && !v.includes("\n")))) out.push(`${path}.allowedValues`);
  });
  rows("checklist", (item, path) => {
    const own = typeof item.kind === "string" ? ITEM_KEYS[item.kind] : undefined;
    for (const key of Object.keys(item)) if (!["id", "kind", "label"].includes(key) && key !== own) out.push(`${path}.${key}`);
    for (const key of ["id", "kind", "label", ...(own ? [own] : [])]) if (!isText(item[key])) out.push(`${path}.${key}`);
  });
  return out;
}
