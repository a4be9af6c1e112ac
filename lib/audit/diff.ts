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

function walk(before: unknown, after: unknown, path: string, out: Record<string, Change>): void {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of keys) walk(before[key], after[key], path ? `${path}.${key}` : key, out);
    return;
  }
  if (!same(before, after)) out[path] = { from: before ?? null, to: after ?? null };
}

export function diff(before: Record<string, unknown>, after: Record<string, unknown>): ChangeSet {
  const changes: Record<string, Change> = {};
  walk(before, after, "", changes);
  const affected = new Set(Object.keys(changes).map((p) => p.split(".")[0] ?? p));
  return { changes, affectedFields: [...affected] };
}
