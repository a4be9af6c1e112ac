// The profile editor's unsaved work, kept in the browser's localStorage so that a reload, a
// crash or a lost session does not lose it. One draft per viewer and profile, holding the version
// it was typed against and that version's content, so that a draft written before someone else
// saved can be re-applied on top of theirs (lib/profiles/rebase.ts) instead of overwriting it.
// Storage is untrusted input like every other: what is read back is parsed, and anything malformed is
// dropped rather than loaded into the editor.
import { z } from "zod";
import { FIELD_KINDS, type FieldTree } from "@/lib/custom-fields/model";
import { isJsonObject, type JsonObject } from "@/lib/custom-fields/validation";
import type { ProfileDraft } from "./rebase";

const PREFIX = "prework:profile-draft:v1:";
/** Drafts nobody came back to are forgotten after this long. */
export const DRAFT_MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;

export interface StoredDraft {
  savedAt: string;
  /** The profile version the draft was typed against, and that version's content. */
  version: number;
  base: ProfileDraft;
  name: string;
  type: string;
  tree: FieldTree;
  mode: "form" | "json";
  json: string;
}

/** The part of Storage this module uses (window.localStorage in the browser). */
export type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">;

const jsonObject = z.custom<JsonObject>((value) => isJsonObject(value));
const profileDraft = z.object({ name: z.string(), type: z.enum(["personal", "professional", "custom"]), customFields: jsonObject });
// Ids are the editor's own ("root", "n1", …), so none can name an object's internals.
const NODE_ID = /^(root|n\d{1,9})$/;
const nodeId = z.string().regex(NODE_ID);
const node = z.object({
  id: nodeId,
  kind: z.enum(FIELD_KINDS),
  key: z.string(),
  text: z.string(),
  checked: z.boolean(),
  children: z.array(nodeId),
  parentId: nodeId.nullable(),
  collapsed: z.boolean(),
});
const storedDraft = z.object({
  savedAt: z.iso.datetime(),
  version: z.number().int().positive(),
  base: profileDraft,
  name: z.string().max(10_000),
  type: z.string().max(100),
  tree: z.object({ rootId: nodeId, nodes: z.record(nodeId, node), nextId: z.number().int().nonnegative() }),
  mode: z.enum(["form", "json"]),
  json: z.string().max(1_000_000),
});

export const draftKey = (viewerId: string, profileId: string) => `${PREFIX}${viewerId}:${profileId}`;

/** Every child exists, names its parent, and is reached once from the root: the editor can walk it. */
function isWellFormed(tree: FieldTree): boolean {
  const nodes = new Map(Object.entries(tree.nodes));
  const root = nodes.get(tree.rootId);
  if (!root || root.kind !== "group" || root.parentId !== null) return false;
  const seen = new Set<string>([tree.rootId]);
  const stack = [root];
  while (stack.length) {
    const parent = stack.pop()!;
    for (const childId of parent.children) {
      const child = nodes.get(childId);
      if (!child || child.id !== childId || child.parentId !== parent.id || seen.has(childId)) return false;
      seen.add(childId);
      stack.push(child);
    }
  }
  // New rows take ids from nextId on: an id at or past it would be handed out twice.
  const numbered = [...nodes.keys()].filter((id) => id !== "root").map((id) => Number(id.slice(1)));
  return seen.size === nodes.size && numbered.every((n) => n < tree.nextId);
}

/**
 * JSON.parse keeps a "__proto__" key as an own property, but a parsed record assigns it and so
 * turns it into the result's prototype, out of sight of every check after it: look at the raw keys.
 */
function hasOnlyNodeIds(raw: unknown): boolean {
  const nodes = (raw as { tree?: { nodes?: unknown } }).tree?.nodes;
  return typeof nodes === "object" && nodes !== null && Object.keys(nodes).every((key) => NODE_ID.test(key));
}

export function readDraft(storage: DraftStorage, viewerId: string, profileId: string, now = Date.now()): StoredDraft | null {
  const key = draftKey(viewerId, profileId);
  let parsed: unknown;
  try {
    const text = storage.getItem(key);
    if (text === null) return null;
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const result = storedDraft.safeParse(parsed);
  if (!result.success || !hasOnlyNodeIds(parsed) || !isWellFormed(result.data.tree) || now - Date.parse(result.data.savedAt) > DRAFT_MAX_AGE_MS) {
    safely(() => storage.removeItem(key));
    return null;
  }
  return result.data as StoredDraft;
}

/** False when the browser refused (storage full or disabled): the editor then says drafts are off. */
export function writeDraft(storage: DraftStorage, viewerId: string, profileId: string, draft: StoredDraft): boolean {
  return safely(() => storage.setItem(draftKey(viewerId, profileId), JSON.stringify(draft)));
}

export function clearDraft(storage: DraftStorage, viewerId: string, profileId: string): void {
  safely(() => storage.removeItem(draftKey(viewerId, profileId)));
}

/** Removes this app's drafts older than the limit, of any viewer (they are only ever read back fresh). */
export function pruneDrafts(storage: DraftStorage, now = Date.now()): void {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  for (const key of keys) {
    const [viewerId, profileId] = key.slice(PREFIX.length).split(":");
    if (viewerId && profileId) readDraft(storage, viewerId, profileId, now);
    else safely(() => storage.removeItem(key));
  }
}

function safely(write: () => void): boolean {
  try {
    write();
    return true;
  } catch {
    return false;
  }
}

/** "14:02" today, "3 Dec 14:02" on another day, in the browser's own time zone. */
export function draftTimeLabel(savedAt: string, now = new Date()): string {
  const saved = new Date(savedAt);
  const time = `${String(saved.getHours()).padStart(2, "0")}:${String(saved.getMinutes()).padStart(2, "0")}`;
  if (saved.toDateString() === now.toDateString()) return time;
  const month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][saved.getMonth()];
  return `${saved.getDate()} ${month} ${time}`;
}
