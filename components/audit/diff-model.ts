// Turns an audit entry's `details` into what the expandable diff shows: `changes` (keyed by
// dotted path) as a tree, so nested groups can be indented under their parent; lists as items
// added and removed; everything else as display text. Pure, so it is unit-tested on its own.

export type ValueChange =
  | { kind: "list"; added: string[]; removed: string[] }
  /** `null` stands for no value (absent, null or an empty string). */
  | { kind: "value"; from: string | null; to: string | null };

export interface DiffNode {
  /** The last segment of the path ("department"). */
  key: string;
  path: string;
  change?: ValueChange;
  children: DiffNode[];
}

export interface DetailField {
  key: string;
  value: string | null;
}

/** Values longer than this are shown collapsed, with a toggle. */
export const LONG_VALUE = 120;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value as plain text: strings as they are, everything else as JSON. */
export function displayValue(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** Key order does not make two items different. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (isRecord(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v)) ?? "undefined";
}

const asList = (value: unknown): unknown[] | null => (Array.isArray(value) ? value : value === null || value === undefined ? [] : null);

/** Items only in `b` (compared by content), each counted as often as it is missing from `a`. */
function itemsMissing(a: unknown[], b: unknown[]): unknown[] {
  const remaining = new Map<string, number>();
  for (const item of a) remaining.set(canonical(item), (remaining.get(canonical(item)) ?? 0) + 1);
  return b.filter((item) => {
    const left = remaining.get(canonical(item)) ?? 0;
    if (left > 0) {
      remaining.set(canonical(item), left - 1);
      return false;
    }
    return true;
  });
}

export function describeChange(from: unknown, to: unknown): ValueChange {
  const before = asList(from);
  const after = asList(to);
  // A list on at least one side, and nothing that is not a list on the other.
  if (before && after && (Array.isArray(from) || Array.isArray(to))) {
    const text = (item: unknown) => displayValue(item) ?? "(empty)";
    return { kind: "list", added: itemsMissing(before, after).map(text), removed: itemsMissing(after, before).map(text) };
  }
  return { kind: "value", from: displayValue(from), to: displayValue(to) };
}

function isChange(value: unknown): value is { from: unknown; to: unknown } {
  return isRecord(value) && ("from" in value || "to" in value);
}

/** `changes` keyed by dotted path, as a tree in the order the paths were recorded. */
export function diffTree(changes: unknown): DiffNode[] {
  const roots: DiffNode[] = [];
  if (!isRecord(changes)) return roots;
  for (const [path, change] of Object.entries(changes)) {
    let level = roots;
    let node: DiffNode | undefined;
    const segments = path.split(".");
    segments.forEach((key, i) => {
      const at = segments.slice(0, i + 1).join(".");
      node = level.find((n) => n.path === at);
      if (!node) {
        node = { key, path: at, children: [] };
        level.push(node);
      }
      level = node.children;
    });
    if (node) node.change = isChange(change) ? describeChange(change.from, change.to) : { kind: "value", from: null, to: displayValue(change) };
  }
  return roots;
}

/** The details other than the change set, as key/value text (the changes are shown as a tree). */
export function otherDetails(details: Record<string, unknown>): DetailField[] {
  const hasChanges = isRecord(details.changes);
  return Object.entries(details)
    .filter(([key]) => !(hasChanges && (key === "changes" || key === "affectedFields")))
    .map(([key, value]) => ({ key, value: displayValue(value) }));
}
