// A tree turned back into JSON, with each problem (the rules in ./validation.ts, and what the
// form alone can get wrong: half-typed numbers, duplicate names) attached to the row it is about.
import { type FieldNode, type FieldTree, isIsoDate, parseNumber, pathsOf } from "./model";
import { CUSTOM_FIELD_LIMITS, customFieldProblems, type JsonObject, type JsonValue, keyProblem } from "./validation";
import { formatBytes } from "@/lib/format/bytes";

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
    if (largest) add(largest.id, `Too large: this field takes ${formatBytes(largest.bytes)}, and all fields together may take at most ${formatBytes(CUSTOM_FIELD_LIMITS.maxBytes)}.`);
  }
  return { value, pathById, idByPath, problemsById: problems, rootProblems, keyCount, bytes, faithful };
}
