// The editor's state outside React, read by each row through useSyncExternalStore with a
// selector for that row only. A keystroke replaces one node; every row's selector runs (a map
// lookup), and only rows whose own node, path or problems changed re-render. At 200 fields
// that keeps typing at a single row's render instead of the whole form's.
import type { FieldHint } from "@/lib/templates/checklist-core";
import { createContext, use, useSyncExternalStore } from "react";
import { formatJsonText, type JsonTextResult, parseJsonText } from "@/lib/custom-fields/json-text";
import { customFieldProblems, type FieldProblem, isJsonObject, type JsonObject, keyProblem } from "@/lib/custom-fields/validation";
import { type FieldTree, treeFromJson } from "@/lib/custom-fields/model";
import { snapshotOf, type TreeSnapshot } from "@/lib/custom-fields/snapshot";

/** The browser-side shape of a template field hint (lib/templates/checklist-core.ts). */
export type { FieldHint };

export type EditorMode = "form" | "json";

export interface RowProblem {
  message: string;
  /** Which input the problem is about, for aria-invalid. */
  on: "key" | "value" | "row";
}

/** `problems` counts rows with problems plus problems of the whole object: save only at 0. */
export type CurrentValue = { ok: true; value: JsonObject; problems: number } | { ok: false; reason: string };

const NO_PROBLEMS: RowProblem[] = [];

const NOT_FAITHFUL = "Fix the highlighted fields first: two fields share a name, or a value is not complete.";

export class FieldsStore {
  private tree: FieldTree;
  private snapshot: TreeSnapshot | null = null;
  private readonly listeners = new Set<() => void>();
  /** Errors the server returned, by row id; a row's are cleared when it is edited. */
  private serverProblems = new Map<string, string[]>();
  private serverRootProblems: string[] = [];
  /** Last problem list handed to each row, reused while unchanged so rows can skip rendering. */
  private readonly problemCache = new Map<string, { signature: string; list: RowProblem[] }>();
  private modeValue: EditorMode = "form";
  private json = "";
  private jsonParsed: { text: string; result: JsonTextResult } | null = null;
  private message = "";
  /** The row being dragged (dataTransfer cannot be read during dragover). */
  private dragging: string | null = null;

  constructor(
    tree: FieldTree,
    /** Prefix of the DOM ids of this editor's inputs (from useId), so two editors never clash. */
    readonly domPrefix: string,
    /** A template's fields by key (issue #14): top-level rows of these names show its label, help, required mark and choices. */
    readonly hints: ReadonlyMap<string, FieldHint> = new Map(),
  ) {
    this.tree = tree;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private emit(): void {
    for (const listener of this.listeners) listener();
  }

  /** The template's hint for a row, when it is a top-level field the template names. */
  hintOf(node: { parentId: string | null; key: string }): FieldHint | undefined {
    return node.parentId === this.tree.rootId ? this.hints.get(node.key) : undefined;
  }

  getTree(): FieldTree {
    return this.tree;
  }

  getSnapshot(): TreeSnapshot {
    this.snapshot ??= snapshotOf(this.tree);
    return this.snapshot;
  }

  /** Applies an edit; `touched` rows lose the server's errors (the person is acting on them). */
  update(next: FieldTree, touched: string[] = []): void {
    if (next === this.tree) return;
    this.tree = next;
    this.snapshot = null;
    for (const id of touched) this.serverProblems.delete(id);
    this.emit();
  }

  /** A new value from outside (a reload, a re-applied conflict): rows at the same paths keep their ids. */
  replace(value: JsonObject): void {
    this.tree = treeFromJson(value, this.tree);
    this.snapshot = null;
    this.serverProblems.clear();
    this.serverRootProblems = [];
    this.modeValue = "form";
    this.emit();
  }

  domId(id: string, part: string): string {
    return `${this.domPrefix}-${id}-${part}`;
  }

  /** Moves focus once React has rendered the change (rows keep their ids when they move). */
  focusLater(id: string, ...parts: string[]): void {
    requestAnimationFrame(() => {
      for (const part of parts) {
        const element = document.getElementById(this.domId(id, part));
        if (element && !(element as HTMLButtonElement).disabled) {
          element.focus();
          return;
        }
      }
    });
  }

  startDrag(id: string): void {
    this.dragging = id;
  }

  endDrag(): void {
    this.dragging = null;
  }

  dragged(): string | null {
    return this.dragging;
  }

  // --- problems -------------------------------------------------------------------------------

  problemsOf(id: string): RowProblem[] {
    const node = this.tree.nodes[id];
    const client = this.getSnapshot().problemsById.get(id) ?? [];
    const serverAll = this.serverProblems.get(id);
    // Every row asks on every keystroke; most have nothing to report.
    if (!client.length && !serverAll) return NO_PROBLEMS;
    const server = (serverAll ?? []).filter((m) => !client.includes(m));
    const list: RowProblem[] = [
      ...client.map((message): RowProblem => {
        const aboutKey = node !== undefined && (message === keyProblem(node.key) || message.startsWith("Another field here is already named"));
        const aboutValue = message.startsWith("Enter a number") || message === "Choose a date.";
        return { message, on: aboutKey ? "key" : aboutValue ? "value" : "row" };
      }),
      ...server.map((message): RowProblem => ({ message, on: "row" })),
    ];
    const signature = list.map((p) => `${p.on}:${p.message}`).join("\n");
    const cached = this.problemCache.get(id);
    if (cached?.signature === signature) return cached.list;
    this.problemCache.set(id, { signature, list });
    return list;
  }

  /** Problems of the whole object, one per line (a string, so subscribers compare cheaply). */
  rootProblemsText(): string {
    if (this.modeValue === "json") return "";
    const client = this.getSnapshot().rootProblems;
    return [...client, ...this.serverRootProblems.filter((m) => !client.includes(m))].join("\n");
  }

  /** The server's errors, keyed by dotted path within the custom fields ("" for the whole object). */
  setServerProblems(byPath: Record<string, string[]>): void {
    const { idByPath } = this.getSnapshot();
    this.serverProblems = new Map();
    this.serverRootProblems = [];
    for (const [path, messages] of Object.entries(byPath)) {
      const id = path ? idByPath.get(path) : undefined;
      if (id) this.serverProblems.set(id, messages);
      else this.serverRootProblems.push(...messages);
    }
    this.emit();
  }

  /** Where to send focus for the first problem: the row's key or value input. */
  firstProblemRow(): string | null {
    const { problemsById, pathById } = this.getSnapshot();
    for (const id of pathById.keys()) if (problemsById.has(id) || this.serverProblems.has(id)) return id;
    return null;
  }

  // --- announcements --------------------------------------------------------------------------

  announce(message: string): void {
    // A repeated message must still change the live region's text to be read again.
    this.message = this.message === message ? `${message}\u00a0` : message;
    this.emit();
  }

  announcement(): string {
    return this.message;
  }

  // --- local drafts (lib/profiles/local-draft.ts) ----------------------------------------------

  /** What a draft keeps: the rows as they are, half-typed values included, and the JSON text. */
  draftState(): { tree: FieldTree; mode: EditorMode; json: string } {
    return { tree: this.tree, mode: this.modeValue, json: this.json };
  }

  restoreDraft(state: { tree: FieldTree; mode: EditorMode; json: string }): void {
    this.tree = state.tree;
    this.snapshot = null;
    this.serverProblems.clear();
    this.serverRootProblems = [];
    this.modeValue = state.mode;
    this.json = state.json;
    this.emit();
  }

  /** Whether what is shown would save as anything but `saved` (a problem always counts as a change). */
  differsFrom(saved: JsonObject): boolean {
    const snapshot = this.getSnapshot();
    if (!snapshot.faithful || snapshot.problemsById.size > 0 || snapshot.rootProblems.length > 0) return true;
    if (JSON.stringify(snapshot.value) !== JSON.stringify(saved)) return true;
    return this.modeValue === "json" && this.json !== formatJsonText(saved);
  }

  // --- raw JSON mode --------------------------------------------------------------------------

  mode(): EditorMode {
    return this.modeValue;
  }

  jsonText(): string {
    return this.json;
  }

  jsonResult(): JsonTextResult {
    if (this.jsonParsed?.text !== this.json) this.jsonParsed = { text: this.json, result: parseJsonText(this.json) };
    return this.jsonParsed.result;
  }

  /** Problems of the JSON text by the field rules (once it parses). */
  jsonProblems(): FieldProblem[] {
    const result = this.jsonResult();
    return result.ok ? customFieldProblems(result.value) : [];
  }

  setJsonText(text: string): void {
    this.json = text;
    this.emit();
  }

  /** Shows the fields as JSON text; refused while the text could not say what the form shows. */
  showJson(): { ok: true } | { ok: false; reason: string } {
    const snapshot = this.getSnapshot();
    if (!snapshot.faithful) return { ok: false, reason: NOT_FAITHFUL };
    this.json = formatJsonText(snapshot.value);
    this.modeValue = "json";
    this.emit();
    return { ok: true };
  }

  /** Back to the form from the text; refused (text kept) while it does not parse to an object. */
  showForm(): { ok: true } | { ok: false; reason: string } {
    const result = this.jsonResult();
    if (!result.ok) return { ok: false, reason: `Line ${result.line}, column ${result.column}: ${result.message}.` };
    if (!isJsonObject(result.value)) return { ok: false, reason: "Custom fields must be one object in braces: { \"name\": value, … }." };
    this.tree = treeFromJson(result.value, this.tree);
    this.snapshot = null;
    this.modeValue = "form";
    this.emit();
    return { ok: true };
  }

  /** The value to save, from whichever mode is showing. */
  current(): CurrentValue {
    if (this.modeValue === "json") {
      const shown = this.showForm();
      if (!shown.ok) return shown;
    }
    // Two fields with one name, or a value not valid yet, always count among the problems.
    const snapshot = this.getSnapshot();
    return { ok: true, value: snapshot.value, problems: snapshot.problemsById.size + snapshot.rootProblems.length };
  }
}

const FieldsStoreContext = createContext<FieldsStore | null>(null);
export const FieldsStoreProvider = FieldsStoreContext;

export function useFieldsStore(): FieldsStore {
  const store = use(FieldsStoreContext);
  if (!store) throw new Error("useFieldsStore outside a FieldsStoreProvider");
  return store;
}

/** Subscribes to one value of the store; the component renders again only when it changes. */
export function useStoreValue<T>(select: (store: FieldsStore) => T): T {
  const store = useFieldsStore();
  return useSyncExternalStore(
    store.subscribe,
    () => select(store),
    () => select(store),
  );
}

export const useFieldNode = (id: string) => useStoreValue((s) => s.getTree().nodes[id]);
export const useFieldPath = (id: string) => useStoreValue((s) => s.getSnapshot().pathById.get(id) ?? "");
export const useFieldProblems = (id: string) => useStoreValue((s) => s.problemsOf(id));
