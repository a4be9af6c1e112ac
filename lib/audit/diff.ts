// Field-level differences in the spec's audit shape: `changes` keyed by dotted path with
// from/to, and `affectedFields` naming the top-level fields touched. Plain objects are walked
// into; arrays and scalars are compared as whole values.

export type Change = { from: unknown; to: unknown };
export interface ChangeSet {
  changes: Record<string, Change>;
  affectedFields: string[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted: key order is not a change of value. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isPlainObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** Own properties only: a field named "toString" that one side lacks is absent, not Object.prototype's function. */
const ownValue = (object: Record<string, unknown>, key: string) => (Object.hasOwn(object, key) ? object[key] : undefined);

function walk(before: unknown, after: unknown, path: string, out: Record<string, Change>): void {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of keys) walk(ownValue(before, key), ownValue(after, key), path ? `${path}.${key}` : key, out);
    return;
  }
  if (!same(before, after)) out[path] = { from: before ?? null, to: after ?? null };
}

export function diff(before: Record<string, unknown>, after: Record<string, unknown>): ChangeSet {
  // Keyed by paths people chose: built without a prototype for a path to collide with, then
  // handed out as a plain object whose keys are all own data properties (fromEntries).
  const found = Object.create(null) as Record<string, Change>;
  walk(before, after, "", found);
  const affected = new Set(Object.keys(found).map((p) => p.split(".")[0] ?? p));
  return { changes: Object.fromEntries(Object.entries(found)), affectedFields: [...affected] };
}
