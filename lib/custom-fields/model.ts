// The custom-fields editor's state: a JSON object as a flat map of rows with stable ids, so that
// typing in one row replaces one small record (and re-renders one row) whatever the size of the
// object. Every operation is a pure function from tree to tree; `snapshotOf` turns a tree back
// into JSON with each problem attached to the row it is about.
// Over 300 lines on purpose: one set of pure operations on one tree type sharing private helpers
// (node, get, put, descendants, join); split, those helpers would become exports of their own.
import { CUSTOM_FIELD_LIMITS, customFieldProblems, type JsonObject, type JsonValue, keyProblem } from "./validation";

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

function node(id: string, kind: FieldKind, parentId: string | null, fields: Partial<FieldNode> = {}): FieldNode {
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

export interface TreeSnapshot {
  value: JsonObject;
  pathById: ReadonlyMap<string, string>;
  /** Row of each dotted path (for two rows with one name, the last, as JSON keeps). */
  idByPath: ReadonlyMap<string, string>;
  problemsById: ReadonlyMap<string, string[]>;
  /** Problems of the object as a whole: the number of fields and the size. */
  rootProblems: string[];
  keyCount: number;
  bytes: number;
  /** False while the JSON could not show the form as it is: two fields share a name, or a value is not valid yet. */
  faithful: boolean;
}

// The rules name an unnamed field by its parent's path (the root's is ""), which cannot tell two
// unnamed fields apart: the editor attaches that message to each row itself.
const UNNAMED = keyProblem("") as string;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function snapshotOf(tree: FieldTree): TreeSnapshot {
  const pathById = pathsOf(tree);
  const idByPath = new Map<string, string>();
  const problems = new Map<string, string[]>();
  const add = (id: string, message: string) => {
    const list = problems.get(id);
    if (list) list.push(message);
    else problems.set(id, [message]);
  };
  let keyCount = 0;
  let faithful = true;

  const valueOf = (id: string): JsonValue => {
    const n = tree.nodes[id] as FieldNode;
    const path = pathById.get(id);
    if (path !== undefined) idByPath.set(path, id);
    switch (n.kind) {
      case "text":
        return n.text;
      case "number": {
        const parsed = parseNumber(n.text);
        if (parsed !== null) return parsed;
        faithful = false;
        add(id, n.text.trim() ? "Enter a number, like 42 or -3.5." : "Enter a number.");
        return n.text;
      }
      case "date":
        if (!isIsoDate(n.text)) {
          faithful = false;
          add(id, "Choose a date.");
        }
        return n.text;
      case "boolean":
        return n.checked;
      case "null":
        return null;
      case "list":
        return n.children.map(valueOf);
      case "group": {
        const seen = new Set<string>();
        const entries: Array<[string, JsonValue]> = [];
        for (const childId of n.children) {
          const child = tree.nodes[childId] as FieldNode;
          keyCount++;
          if (child.key === "") add(childId, UNNAMED);
          else if (seen.has(child.key)) {
            faithful = false;
            add(childId, `Another field here is already named "${child.key}". Names must be unique within a group.`);
          }
          seen.add(child.key);
          entries.push([child.key, valueOf(childId)]);
        }
        // Own data properties only: a "__proto__" name stays a name (and is refused by the rules).
        return Object.fromEntries(entries) as JsonObject;
      }
    }
  };
  const value = valueOf(tree.rootId) as JsonObject;

  const rootProblems: string[] = [];
  for (const problem of customFieldProblems(value)) {
    if (problem.message === UNNAMED) continue;
    const id = problem.path ? idByPath.get(problem.path) : undefined;
    if (id) add(id, problem.message);
    else rootProblems.push(problem.message);
  }
  const bytes = new TextEncoder().encode(JSON.stringify(value)).length;
  if (bytes > CUSTOM_FIELD_LIMITS.maxBytes) {
    // Point at the field that takes the most room: that is where a person can act.
    const root = tree.nodes[tree.rootId] as FieldNode;
    let largest: { id: string; bytes: number } | null = null;
    for (const childId of root.children) {
      const child = tree.nodes[childId] as FieldNode;
      const size = new TextEncoder().encode(JSON.stringify(value[child.key] ?? null)).length;
      if (!largest || size > largest.bytes) largest = { id: childId, bytes: size };
    }
    if (largest) add(largest.id, `Too large: this field takes ${kb(largest.bytes)}, and all fields together may take at most ${kb(CUSTOM_FIELD_LIMITS.maxBytes)}.`);
  }
  return { value, pathById, idByPath, problemsById: problems, rootProblems, keyCount, bytes, faithful };
}

// ---------------------------------------------------------------------------------------------
// Operations

function get(tree: FieldTree, id: string): FieldNode {
  const found = tree.nodes[id];
  if (!found) throw new Error(`no field row ${id}`);
  return found;
}

function put(tree: FieldTree, changed: FieldNode[], extra: Partial<FieldTree> = {}): FieldTree {
  const nodes = { ...tree.nodes };
  for (const n of changed) nodes[n.id] = n;
  return { ...tree, ...extra, nodes };
}

export type FieldEdit = Partial<Pick<FieldNode, "key" | "text" | "checked" | "collapsed">>;

export function editNode(tree: FieldTree, id: string, edit: FieldEdit): FieldTree {
  const current = get(tree, id);
  return put(tree, [{ ...current, ...edit }]);
}

/** The value of a single-value row as JSON (for converting it to another kind). */
function scalarOf(n: FieldNode): JsonValue {
  if (n.kind === "boolean") return n.checked;
  if (n.kind === "null") return null;
  if (n.kind === "number") return parseNumber(n.text) ?? n.text;
  return n.text;
}

/** Kinds a row can change to without losing anything: a non-empty list or group only to the other. */
export function allowedKinds(n: FieldNode): FieldKind[] {
  if (isContainer(n.kind) && n.children.length > 0) return ["list", "group"];
  return [...FIELD_KINDS];
}

export function changeKind(tree: FieldTree, id: string, kind: FieldKind): FieldTree {
  const current = get(tree, id);
  if (current.kind === kind || !allowedKinds(current).includes(kind)) return tree;
  if (isContainer(current.kind) && isContainer(kind)) {
    const changed: FieldNode[] = [{ ...current, kind }];
    if (kind === "group") {
      // Items become fields: a name they had before is restored when it is free, else itemN.
      const used = new Set<string>();
      current.children.forEach((childId, i) => {
        const child = get(tree, childId);
        const key = child.key && !used.has(child.key) ? child.key : `item${i + 1}`;
        used.add(key);
        changed.push({ ...child, key });
      });
    }
    return put(tree, changed);
  }
  if (!isContainer(current.kind) && isContainer(kind)) {
    // Keep a value the row had as the first item (list) or as a field named "value" (group).
    const value = scalarOf(current);
    const keep = value !== null && value !== "";
    if (!keep) return put(tree, [{ ...current, kind, children: [] }]);
    const childId = `n${tree.nextId}`;
    const child = node(childId, current.kind, id, { text: current.text, checked: current.checked, key: kind === "group" ? "value" : "" });
    return put(tree, [{ ...current, kind, children: [childId] }, child], { nextId: tree.nextId + 1 });
  }
  const value = isContainer(current.kind) ? null : scalarOf(current);
  const next: FieldNode = { ...current, kind, children: [] };
  switch (kind) {
    case "boolean":
      return put(tree, [{ ...next, checked: value === true || (typeof value === "string" && /^(true|yes|1)$/i.test(value.trim())) }]);
    case "date":
      return put(tree, [{ ...next, text: typeof value === "string" && isIsoDate(value) ? value : "" }]);
    case "null":
      return put(tree, [next]);
    default:
      return put(tree, [{ ...next, text: value === null ? "" : String(value) }]);
  }
}

function descendants(tree: FieldTree, id: string, out: string[] = []): string[] {
  for (const childId of get(tree, id).children) {
    out.push(childId);
    descendants(tree, childId, out);
  }
  return out;
}

/** A new row at the end of a group or list; a list of groups gets a group shaped like the last. */
export function addChild(tree: FieldTree, parentId: string, kind?: FieldKind): { tree: FieldTree; id: string } {
  const parent = get(tree, parentId);
  let nextId = tree.nextId;
  const id = `n${nextId++}`;
  const created: FieldNode[] = [];
  const last = parent.kind === "list" && parent.children.length ? get(tree, parent.children[parent.children.length - 1] as string) : null;
  const newKind = kind ?? (last ? last.kind : "text");
  const children: string[] = [];
  if (newKind === "group" && last?.kind === "group" && !kind) {
    for (const templateId of last.children) {
      const template = get(tree, templateId);
      const childId = `n${nextId++}`;
      children.push(childId);
      created.push(node(childId, template.kind, id, { key: template.key }));
    }
  }
  created.push(node(id, newKind, parentId, { children }));
  const updatedParent: FieldNode = { ...parent, collapsed: false, children: [...parent.children, id] };
  return { tree: put(tree, [updatedParent, ...created], { nextId }), id };
}

export function removeNode(tree: FieldTree, id: string): FieldTree {
  const current = get(tree, id);
  if (!current.parentId) return tree;
  const parent = get(tree, current.parentId);
  const nodes = { ...tree.nodes, [parent.id]: { ...parent, children: parent.children.filter((c) => c !== id) } };
  for (const gone of [id, ...descendants(tree, id)]) delete nodes[gone];
  return { ...tree, nodes };
}

export function isInside(tree: FieldTree, id: string, ancestorId: string): boolean {
  for (let at = tree.nodes[id]; at; at = at.parentId ? tree.nodes[at.parentId] : undefined) {
    if (at.id === ancestorId) return true;
  }
  return false;
}

/** Moves a row to `index` among the children of `parentId` (counted without the row itself). */
export function moveTo(tree: FieldTree, id: string, parentId: string, index: number): FieldTree {
  const current = get(tree, id);
  const target = get(tree, parentId);
  if (!current.parentId || !isContainer(target.kind) || isInside(tree, parentId, id)) return tree;
  const oldParent = get(tree, current.parentId);
  const without = oldParent.children.filter((c) => c !== id);
  if (oldParent.id === target.id) {
    const children = [...without];
    children.splice(Math.max(0, Math.min(index, children.length)), 0, id);
    return put(tree, [{ ...oldParent, children }]);
  }
  const children = [...target.children];
  children.splice(Math.max(0, Math.min(index, children.length)), 0, id);
  return put(tree, [{ ...oldParent, children: without }, { ...target, children, collapsed: false }, { ...current, parentId }]);
}

export function moveBy(tree: FieldTree, id: string, delta: -1 | 1): FieldTree {
  const current = get(tree, id);
  if (!current.parentId) return tree;
  const siblings = get(tree, current.parentId).children;
  const index = siblings.indexOf(id) + delta;
  if (index < 0 || index >= siblings.length) return tree;
  return moveTo(tree, id, current.parentId, index);
}

/** The list or group just above a row, which "Nest" moves the row into. */
export function previousContainer(tree: FieldTree, id: string): FieldNode | null {
  const current = get(tree, id);
  if (!current.parentId) return null;
  const siblings = get(tree, current.parentId).children;
  const prevId = siblings[siblings.indexOf(id) - 1];
  const prev = prevId ? get(tree, prevId) : null;
  return prev && isContainer(prev.kind) ? prev : null;
}

export function nest(tree: FieldTree, id: string): FieldTree {
  const target = previousContainer(tree, id);
  return target ? moveTo(tree, id, target.id, target.children.length) : tree;
}

/** Moves a row out of its list or group, to just after it. */
export function unnest(tree: FieldTree, id: string): FieldTree {
  const current = get(tree, id);
  const parent = current.parentId ? get(tree, current.parentId) : null;
  if (!parent?.parentId) return tree;
  const grandparent = get(tree, parent.parentId);
  return moveTo(tree, id, grandparent.id, grandparent.children.indexOf(parent.id) + 1);
}

export function siblingInfo(tree: FieldTree, id: string): { index: number; count: number; parent: FieldNode | null } {
  const current = get(tree, id);
  const parent = current.parentId ? get(tree, current.parentId) : null;
  return { index: parent ? parent.children.indexOf(id) : 0, count: parent ? parent.children.length : 1, parent };
}
