// The edits a person makes to the custom-fields tree (./model.ts): each a pure function from
// tree to tree that replaces only the rows it touches.
import { FIELD_KINDS, type FieldKind, type FieldNode, type FieldTree, isContainer, isIsoDate, node, parseNumber } from "./model";
import { type JsonValue } from "./validation";

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
