// The checklist's rules as pure functions, shared by the repository (which stores the progress
// summary in the same transaction as the change that moves it), the checklist service (which
// renders a ChecklistView) and the browser (the editor's field hints). No I/O here.
import type { ChecklistItemState } from "./checklist-view";
import type { Template, TemplateField } from "./schema";

/** A document uploaded for a checklist item's kind: the ready file that satisfies it. */
export interface ChecklistDocument {
  fileId: string;
  at: string;
}

/** An acknowledged statement: who (id and the name they had) and when. */
export interface ChecklistAck {
  by: string;
  byName: string;
  at: string;
}

/** What a template-based profile holds besides its custom fields, as stored on the profile item. */
export interface ChecklistState {
  customFields: Record<string, unknown>;
  /** By document kind. */
  documents: Record<string, ChecklistDocument>;
  /** By checklist item id. */
  acks: Record<string, ChecklistAck>;
  /** When each item became done (kept while it stays done), by checklist item id. */
  doneAt: Record<string, string>;
}

/** The summary kept on the profile item, what the admin progress view lists without reading templates. */
export interface ProgressSummary {
  done: number;
  total: number;
  dueAt?: string;
  completedAt?: string;
}

export interface EvaluatedChecklist {
  items: ChecklistItemState[];
  doneAt: Record<string, string>;
  progress: ProgressSummary;
}

const DAY = 86_400_000;

/** A required field counts as filled when it holds something: not absent, null, blank text or an empty list/group. */
export function isFilled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return value.trim().length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
}

export function dueAtOf(template: Pick<Template, "dueWithinDays">, profileCreatedAt: string): string | undefined {
  return template.dueWithinDays ? new Date(Date.parse(profileCreatedAt) + template.dueWithinDays * DAY).toISOString() : undefined;
}

/**
 * Each item done or open at `now`; `doneAt` keeps the first time an item was seen done while it
 * stays done (an item undone and done again gets the new time).
 */
export function evaluateChecklist(template: Template, state: ChecklistState, profileCreatedAt: string, now: Date): EvaluatedChecklist {
  const at = now.toISOString();
  const doneAt: Record<string, string> = {};
  const items = template.checklist.map((item): ChecklistItemState => {
    let done: boolean;
    let when: string | undefined;
    let by: string | undefined;
    if (item.kind === "field") done = isFilled(state.customFields[item.fieldKey]);
    else if (item.kind === "document") {
      const document = state.documents[item.documentKind];
      done = Boolean(document);
      when = document?.at;
    } else {
      const ack = state.acks[item.id];
      done = Boolean(ack);
      when = ack?.at;
      by = ack?.byName;
    }
    if (done) doneAt[item.id] = when ?? state.doneAt[item.id] ?? at;
    return { id: item.id, kind: item.kind, label: item.label, done, ...(done ? { doneAt: doneAt[item.id] } : {}), ...(by ? { doneBy: by } : {}) };
  });
  const done = items.filter((i) => i.done).length;
  const dueAt = dueAtOf(template, profileCreatedAt);
  const completedAt = done === items.length ? Object.values(doneAt).sort().at(-1) ?? at : undefined;
  return { items, doneAt, progress: { done, total: items.length, ...(dueAt ? { dueAt } : {}), ...(completedAt ? { completedAt } : {}) } };
}

export function isOverdue(progress: ProgressSummary, now: Date = new Date()): boolean {
  return progress.done < progress.total && progress.dueAt !== undefined && Date.parse(progress.dueAt) <= now.getTime();
}

/**
 * The sort key of Template-Progress-Index: open profiles first by due date (most overdue first;
 * none after every date), then done ones by completion. "Overdue" is the key range of open ones
 * due before now, so every filter is a key condition and a page costs one Query.
 */
export const OPEN_PREFIX = "1-open#";
export const DONE_PREFIX = "2-done#";
const NO_DUE = "9999-12-31T23:59:59.999Z";

export function progressKeyOf(progress: ProgressSummary, profileId: string): string {
  return progress.done >= progress.total && progress.completedAt
    ? `${DONE_PREFIX}${progress.completedAt}#${profileId}`
    : `${OPEN_PREFIX}${progress.dueAt ?? NO_DUE}#${profileId}`;
}

/** The custom fields a new profile from this template starts with: every template field, empty. */
export function initialFields(template: Pick<Template, "fields">): Record<string, unknown> {
  return Object.fromEntries(template.fields.map((field) => [field.key, field.type === "boolean" ? false : ""]));
}

/** What the custom-fields editor shows for a template's field (plain data, sent to the browser). */
export type FieldHint = Pick<TemplateField, "key" | "label" | "type" | "required" | "help" | "allowedValues">;

export function fieldHints(template: Pick<Template, "fields">): FieldHint[] {
  return template.fields.map(({ key, label, type, required, help, allowedValues }) => ({
    key, label, type, required, ...(help ? { help } : {}), ...(allowedValues ? { allowedValues } : {}),
  }));
}
