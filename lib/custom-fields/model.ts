// The custom-fields editor's state: a JSON object as a flat map of rows with stable ids, so that
// typing in one row replaces one small record (and re-renders one row) whatever the size of the
// object. Here: the tree, its row kinds and the tree for a JSON object. The edits, each a pure
// function from tree to tree, are in ./tree-edits.ts; `snapshotOf` (./snapshot.ts) turns a tree
// back into JSON with each problem attached to the row it is about.
import { type JsonObject, type JsonValue } from "./validation";

export const FIELD_KINDS = ["text", "number", "boolean", "date", "null", "list", "group"] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export const KIND_LABELS: Record<FieldKind, string> = {
  text: "Text",
  number: "Number",
  boolean: "Yes/no",
  date: "Date",
  null: "Empty",
  list: "List",
  group: "Group",
};

export const isContainer = (kind: FieldKind) => kind === "list" || kind === "group";

export interface FieldNode {
  readonly id: string;
  readonly kind: FieldKind;
  /** Name in its group. A list item keeps the name it had, unused, so moving it back restores it. */
  readonly key: string;
  /** Text, number and date values exactly as typed (a half-typed number is not yet a number). */
  readonly text: string;
  readonly checked: boolean;
  readonly children: readonly string[];
  readonly parentId: string | null;
  readonly collapsed: boolean;
}

export interface FieldTree {
  readonly rootId: string;
  readonly nodes: Readonly<Record<string, FieldNode>>;
  /** Ids are "n1", "n2", …: the same on the server and in the browser, so hydration matches. */
  readonly nextId: number;
}

const ROOT_ID = "root";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** JSON has no dates: a string of the form YYYY-MM-DD that names a real day is shown as one. */
export function isIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!NUMBER.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

function kindOf(value: JsonValue): FieldKind {
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  if (typeof value === "object") return "group";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return "number";
  return isIsoDate(value) ? "date" : "text";
}

/** A new row: whatever `fields` does not set starts empty (used by the builders here and in ./tree-edits.ts). */
export function node(id: string, kind: FieldKind, parentId: string | null, fields: Partial<FieldNode> = {}): FieldNode {
  return { id, kind, key: "", text: "", checked: false, children: [], parentId, collapsed: false, ...fields };
}

export function emptyTree(): FieldTree {
  return { rootId: ROOT_ID, nodes: { [ROOT_ID]: node(ROOT_ID, "group", null) }, nextId: 1 };
}

const join = (path: string, segment: string | number) => (path ? `${path}.${segment}` : String(segment));

/** Dotted path of every row ("skills.0" for a list's first item), the rules' and the server's naming. */
export function pathsOf(tree: FieldTree): Map<string, string> {
  const paths = new Map<string, string>();
  const walk = (id: string, path: string) => {
    const parent = tree.nodes[id];
    if (!parent) return;
    parent.children.forEach((childId, index) => {
      const child = tree.nodes[childId];
      if (!child) return;
      const childPath = join(path, parent.kind === "list" ? index : child.key);
      paths.set(childId, childPath);
      walk(childId, childPath);
    });
  };
  walk(tree.rootId, "");
  return paths;
}

/**
 * A tree for a JSON object. With `previous` (switching back from the JSON text, reloading after
 * a conflict), rows at the same path keep their id, collapsed state and a text kind the person
 * chose for a date-like string, so focus and layout survive the round trip.
 */
export function treeFromJson(value: JsonObject, previous?: FieldTree): FieldTree {
  const before = new Map<string, FieldNode>();
  if (previous) for (const [id, path] of pathsOf(previous)) before.set(path, previous.nodes[id] as FieldNode);
  const nodes: Record<string, FieldNode> = {};
  let nextId = previous?.nextId ?? 1;

  const build = (val: JsonValue, key: string, parentId: string, path: string): string => {
    const prev = before.get(path);
    const id = prev?.id ?? `n${nextId++}`;
    let kind = kindOf(val);
    if (kind === "date" && prev?.kind === "text") kind = "text";
    const fields: { -readonly [K in keyof FieldNode]?: FieldNode[K] } = { key, collapsed: prev?.collapsed ?? false };
    if (typeof val === "string") fields.text = val;
    else if (typeof val === "number") fields.text = String(val);
    else if (typeof val === "boolean") fields.checked = val;
    else if (Array.isArray(val)) fields.children = val.map((item, i) => build(item, "", id, join(path, i)));
    else if (val !== null) fields.children = Object.entries(val).map(([k, v]) => build(v, k, id, join(path, k)));
    nodes[id] = node(id, kind, parentId, fields);
    return id;
  };
  const rootId = previous?.rootId ?? ROOT_ID;
  nodes[rootId] = node(rootId, "group", null, { children: Object.entries(value).map(([k, v]) => build(v, k, rootId, k)) });
  return { rootId, nodes, nextId };
}
