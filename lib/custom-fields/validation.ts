// The rules for a profile's free-form `customFields`, shared by the editor (as the person types)
// and the server action (again, on what arrives). Each problem names the dotted path of the
// field it is about, so the message can land on that row. No zod here: the editor runs this in
// the browser; schema.ts wraps it for the server actions.
import { sizesApart } from "@/lib/format/bytes";
import { hasDeceptiveCharacters } from "@/lib/validation/text";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const CUSTOM_FIELD_LIMITS = {
  maxDepth: 5,
  maxKeys: 200,
  maxKeyLength: 64,
  maxBytes: 32 * 1024,
} as const;

export interface FieldProblem {
  /** Dotted path of the offending field ("" for the object as a whole). */
  path: string;
  message: string;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function keyProblem(key: string): string | null {
  if (key.length === 0) return "A field needs a name.";
  if (key.trim() !== key) return "Field names cannot start or end with spaces.";
  if ([...key].length > CUSTOM_FIELD_LIMITS.maxKeyLength) return `Field names can be at most ${CUSTOM_FIELD_LIMITS.maxKeyLength} characters.`;
  if (key.includes(".")) return "Field names cannot contain a dot (dots separate nested names).";
  if (hasDeceptiveCharacters(key)) return "Field names cannot contain invisible or control characters.";
  if (key === "__proto__" || key === "constructor" || key === "prototype") return "This name is reserved.";
  return null;
}

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/** Every problem of a custom-fields value, in document order. */
export function customFieldProblems(value: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isJsonObject(value)) return [{ path: "", message: "Custom fields must be an object of named fields." }];
  let keys = 0;
  let depthReported = false;

  const walk = (node: unknown, path: string, depth: number): void => {
    if (node === null || typeof node === "string" || typeof node === "boolean") return;
    if (typeof node === "number") {
      if (!Number.isFinite(node)) problems.push({ path, message: "Numbers must be finite." });
      return;
    }
    if (typeof node !== "object") {
      problems.push({ path, message: "Only text, numbers, yes/no, dates (as text), lists and groups are allowed." });
      return;
    }
    if (depth > CUSTOM_FIELD_LIMITS.maxDepth) {
      if (!depthReported) problems.push({ path, message: `Fields can be nested at most ${CUSTOM_FIELD_LIMITS.maxDepth} levels deep.` });
      depthReported = true;
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, join(path, i), depth + 1));
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      keys++;
      const childPath = join(path, key);
      const problem = keyProblem(key);
      if (problem) problems.push({ path: childPath, message: problem });
      walk(child, childPath, depth + 1);
    }
  };
  walk(value, "", 1);

  if (keys > CUSTOM_FIELD_LIMITS.maxKeys) problems.push({ path: "", message: `At most ${CUSTOM_FIELD_LIMITS.maxKeys} fields in all (this has ${keys}).` });
  const bytes = new TextEncoder().encode(JSON.stringify(value)).length;
  if (bytes > CUSTOM_FIELD_LIMITS.maxBytes) {
    const sizes = sizesApart(CUSTOM_FIELD_LIMITS.maxBytes, bytes);
    problems.push({ path: "", message: `Custom fields can take at most ${sizes.limit} (this is ${sizes.actual}).` });
  }
  return problems;
}

/**
 * Key order of every object in a value, by dotted path ("" for the root). DynamoDB maps do not
 * keep the order the person arranged, so it is stored beside the fields and re-applied on read.
 */
export function keyOrder(value: JsonValue, path = "", out: Record<string, string[]> = {}): Record<string, string[]> {
  if (Array.isArray(value)) value.forEach((item, i) => keyOrder(item, join(path, i), out));
  else if (isJsonObject(value)) {
    out[path] = Object.keys(value);
    for (const [key, child] of Object.entries(value)) keyOrder(child, join(path, key), out);
  }
  return out;
}

/** The value with every object's keys in the recorded order (unknown keys keep theirs, last). */
export function withKeyOrder(value: JsonValue, order: Record<string, string[]>, path = ""): JsonValue {
  if (Array.isArray(value)) return value.map((item, i) => withKeyOrder(item, order, join(path, i)));
  if (!isJsonObject(value)) return value;
  const recorded = (Object.hasOwn(order, path) ? (order[path] ?? []) : []).filter((k) => Object.hasOwn(value, k));
  const rest = Object.keys(value).filter((k) => !recorded.includes(k));
  const out: JsonObject = {};
  for (const key of [...recorded, ...rest]) out[key] = withKeyOrder(value[key] as JsonValue, order, join(path, key));
  return out;
}
