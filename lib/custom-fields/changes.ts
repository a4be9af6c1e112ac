// What a save will change in a custom-fields object, as the review step lists it: each change
// by dotted path, classified as added, removed, changed or moved. Values come from the audit's
// diff (so the review and the audit entry agree on what changed); moves are found separately,
// because the diff ignores key order on purpose.
import { diff } from "@/lib/audit/diff";
import { isJsonObject, type JsonObject, type JsonValue } from "./validation";

export type FieldChange =
  | { kind: "added"; path: string; to: JsonValue }
  | { kind: "removed"; path: string; from: JsonValue }
  | { kind: "changed"; path: string; from: JsonValue; to: JsonValue }
  /** Positions are 1-based among the keys of the object the field is in. */
  | { kind: "moved"; path: string; fromPosition: number; toPosition: number };

export type ChangeKind = FieldChange["kind"];

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** The value at a dotted path, or `undefined` when there is none (arrays are whole values). */
function lookup(root: JsonObject, path: string): JsonValue | undefined {
  let node: JsonValue | undefined = root;
  for (const key of path.split(".")) {
    if (!isJsonObject(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/** Indices (into `after`) of the longest run of keys that kept their relative order. */
function keptInOrder(before: string[], after: string[]): Set<number> {
  // Classic LCS table; objects hold at most 200 keys, so 40,000 cells at worst.
  const rows = before.length;
  const cols = after.length;
  const table = Array.from({ length: rows + 1 }, () => new Array<number>(cols + 1).fill(0));
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = cols - 1; j >= 0; j--) {
      table[i]![j] = before[i] === after[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const kept = new Set<number>();
  let i = 0;
  let j = 0;
  while (i < rows && j < cols) {
    if (before[i] === after[j]) {
      kept.add(j);
      i++;
      j++;
    } else if (table[i + 1]![j]! > table[i]![j + 1]!) i++;
    // On a tie (two neighbours swapped) the one that went up is reported: "Move up" and
    // dragging towards the top are the common gestures.
    else j++;
  }
  return kept;
}

/**
 * Fields whose place among their siblings changed. Only keys on both sides count, and the
 * fewest keys that explain the new order are reported (moving one field to the top moves
 * only that field, not every field it jumped over).
 */
function moves(before: JsonObject, after: JsonObject, path: string, out: FieldChange[]): void {
  const beforeKeys = Object.keys(before);
  const afterKeys = Object.keys(after);
  const common = new Set(beforeKeys.filter((k) => Object.hasOwn(after, k)));
  const beforeCommon = beforeKeys.filter((k) => common.has(k));
  const afterCommon = afterKeys.filter((k) => common.has(k));
  const kept = keptInOrder(beforeCommon, afterCommon);
  afterCommon.forEach((key, index) => {
    if (!kept.has(index)) {
      out.push({ kind: "moved", path: join(path, key), fromPosition: beforeKeys.indexOf(key) + 1, toPosition: afterKeys.indexOf(key) + 1 });
    }
  });
  for (const key of afterCommon) {
    const b = before[key];
    const a = after[key];
    if (isJsonObject(b) && isJsonObject(a)) moves(b, a, join(path, key), out);
  }
}

/** Every change from `before` to `after`: added, removed, changed, then moved, each in document order. */
export function fieldChanges(before: JsonObject, after: JsonObject): FieldChange[] {
  const values: FieldChange[] = Object.entries(diff(before, after).changes).map(([path, change]) => {
    const from = lookup(before, path);
    const to = lookup(after, path);
    if (from === undefined) return { kind: "added", path, to: (to ?? change.to) as JsonValue };
    if (to === undefined) return { kind: "removed", path, from };
    return { kind: "changed", path, from, to };
  });
  const moved: FieldChange[] = [];
  moves(before, after, "", moved);
  const rank: Record<ChangeKind, number> = { added: 0, removed: 1, changed: 2, moved: 3 };
  return [...values, ...moved].sort((a, b) => rank[a.kind] - rank[b.kind]);
}

/** A value as one line of text for a change list, shortened when long. */
export function previewValue(value: JsonValue, max = 80): string {
  const text = JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
