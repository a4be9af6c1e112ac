// "Re-apply my changes on top": after a stale save, the person's edits (base → mine) are replayed
// onto the version someone else saved (theirs) with a three-way merge, so neither side's work is
// dropped without being shown. Where both changed the same field differently, mine is kept and
// the path is reported, so the review step can say whose value will be replaced.
import { isJsonObject, type JsonObject, type JsonValue } from "@/lib/custom-fields/validation";
import type { ProfileTypeInput } from "@/lib/validation/profile-details";

export interface ProfileDraft {
  name: string;
  type: ProfileTypeInput;
  customFields: JsonObject;
}

export interface Rebased {
  draft: ProfileDraft;
  /** Dotted paths (`name`, `type`, `customFields.x.y`) both sides changed differently; mine won. */
  overlaps: string[];
}

type Maybe = JsonValue | undefined;

/** Equal including key order: a reordering is a change the person made. */
const same = (a: Maybe, b: Maybe) => JSON.stringify(a) === JSON.stringify(b);

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** `primary`'s keys, with `secondary`'s extra keys inserted after the key they followed there. */
function interleave(primary: string[], secondary: string[], present: Set<string>): string[] {
  const out = primary.filter((k) => present.has(k));
  let anchor = -1;
  for (const key of secondary) {
    const at = out.indexOf(key);
    if (at >= 0) anchor = at;
    else if (present.has(key)) out.splice(++anchor, 0, key);
  }
  return out;
}

function reordered(base: JsonObject, changed: JsonObject): boolean {
  const common = Object.keys(base).filter((k) => Object.hasOwn(changed, k));
  const inChanged = Object.keys(changed).filter((k) => Object.hasOwn(base, k));
  return !same(common, inChanged);
}

function mergeObjects(base: JsonObject, mine: JsonObject, theirs: JsonObject, path: string, overlaps: string[]): JsonObject {
  const merged = new Map<string, JsonValue>();
  for (const key of new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)])) {
    const value = merge(base[key], mine[key], theirs[key], join(path, key), overlaps);
    if (value !== undefined) merged.set(key, value);
  }
  const present = new Set(merged.keys());
  // Whoever rearranged the common fields decides the order; the other side's new fields keep
  // their neighbours.
  const order = reordered(base, mine) ? interleave(Object.keys(mine), Object.keys(theirs), present) : interleave(Object.keys(theirs), Object.keys(mine), present);
  return Object.fromEntries(order.map((key) => [key, merged.get(key) as JsonValue]));
}

function merge(base: Maybe, mine: Maybe, theirs: Maybe, path: string, overlaps: string[]): Maybe {
  if (same(mine, base)) return theirs;
  if (same(theirs, base) || same(mine, theirs)) return mine;
  if (isJsonObject(mine) && isJsonObject(theirs)) return mergeObjects(isJsonObject(base) ? base : {}, mine, theirs, path, overlaps);
  overlaps.push(path);
  return mine;
}

export function rebase(base: ProfileDraft, mine: ProfileDraft, theirs: ProfileDraft): Rebased {
  const overlaps: string[] = [];
  const pick = <T extends string>(field: "name" | "type", b: T, m: T, t: T): T => {
    if (m === b) return t;
    if (t !== b && t !== m) overlaps.push(field);
    return m;
  };
  const draft: ProfileDraft = {
    name: pick("name", base.name, mine.name, theirs.name),
    type: pick("type", base.type, mine.type, theirs.type),
    customFields: mergeObjects(base.customFields, mine.customFields, theirs.customFields, "customFields", overlaps),
  };
  return { draft, overlaps };
}
