import "server-only";
import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import {
  type ChecklistState,
  DONE_PREFIX,
  evaluateChecklist,
  OPEN_PREFIX,
  type ProgressSummary,
  progressKeyOf,
} from "@/lib/templates/checklist-core";
import type { Template } from "@/lib/templates/schema";
import type { Page } from "@/lib/types/page";
import { type AuditContext, auditPut } from "./audit";
import { db, table } from "./client";
import { decodeCursor, encodeCursor } from "./cursor";
import { INDEX } from "./tables";
import { transact, type TransactItem } from "./transact";

// A template-based profile's checklist state and progress, kept on the profile item:
// - `checklistDocuments` (document kind → the ready file), `checklistAcks` (item id → who, when),
//   `checklistDoneAt` (item id → when it became done);
// - `checklistProgress` ({ done, total, dueAt, completedAt }) and `progressKey`, the sort key of
//   Template-Progress-Index (partition `templateId`), so the admin view of a template's progress
//   is one Query a page, never a read of every profile;
// - `checklistOpen` ({ title, items: [{ id, label }] }): the template's title and the items still
//   open as of the last write, so the home page lists what is left without reading templates
//   (like the progress, it moves on the profile's next checklist write after a template edit);
// - `checklistRev`, bumped by every write of the above. Each such write conditions on the
//   revision it read, so two changes racing (a save and a document becoming ready) cannot leave a
//   summary computed from a state that is no longer there: the loser reads again and redoes.
// Every write happens in the same transaction as the change that moves it (a profile save,
// a file marked ready, an acknowledgement) and that change's audit entry.

const docSchema = z.object({ fileId: z.string(), at: z.string() });
const ackSchema = z.object({ by: z.string(), byName: z.string(), at: z.string() });
const openSchema = z.object({ title: z.string(), items: z.array(z.object({ id: z.string(), label: z.string() })) });
export type ChecklistOpen = z.infer<typeof openSchema>;
const progressSchema = z.object({ done: z.number().int(), total: z.number().int(), dueAt: z.string().optional(), completedAt: z.string().optional() });

/** The attributes above as profileSchema reads them. */
export const checklistAttributes = {
  checklistDocuments: z.record(z.string(), docSchema).optional(),
  checklistAcks: z.record(z.string(), ackSchema).optional(),
  checklistDoneAt: z.record(z.string(), z.string()).optional(),
  checklistProgress: progressSchema.optional(),
  checklistOpen: openSchema.optional(),
  checklistRev: z.number().int().optional(),
};
export const CHECKLIST_PROJECTION = "checklistDocuments, checklistAcks, checklistDoneAt, checklistProgress, checklistOpen, checklistRev";

export interface ChecklistHolder {
  id: string;
  createdAt: string;
  customFields: Record<string, unknown>;
  checklistDocuments?: ChecklistState["documents"];
  checklistAcks?: ChecklistState["acks"];
  checklistDoneAt?: ChecklistState["doneAt"];
  checklistRev?: number;
}

export function checklistStateOf(profile: ChecklistHolder): ChecklistState {
  return { customFields: profile.customFields, documents: profile.checklistDocuments ?? {}, acks: profile.checklistAcks ?? {}, doneAt: profile.checklistDoneAt ?? {} };
}

/** A checklist write lost to a racing one (its revision moved): read again and redo. */
export class ChecklistMoved extends Error {}

export interface ChecklistWrite {
  /** The attributes as they will be stored (for the returned domain object). */
  attributes: {
    checklistDocuments: ChecklistState["documents"];
    checklistAcks: ChecklistState["acks"];
    checklistDoneAt: ChecklistState["doneAt"];
    checklistProgress: ProgressSummary;
    checklistOpen: ChecklistOpen;
    progressKey: string;
    checklistRev: number;
  };
  /** `SET` clauses (without the keyword) for an UpdateExpression, and the condition on the revision read. */
  set: string;
  condition: string;
  values: Record<string, unknown>;
}

/** The checklist attributes after `change`, to SET in the same Update as the change itself. */
export function checklistWrite(profile: ChecklistHolder, template: Template, change: Partial<ChecklistState>, now: Date): ChecklistWrite {
  const state = { ...checklistStateOf(profile), ...change };
  const evaluated = evaluateChecklist(template, state, profile.createdAt, now);
  const rev = profile.checklistRev ?? 0;
  const attributes = {
    checklistDocuments: state.documents,
    checklistAcks: state.acks,
    checklistDoneAt: evaluated.doneAt,
    checklistProgress: evaluated.progress,
    checklistOpen: { title: template.title, items: evaluated.items.filter((item) => !item.done).map(({ id, label }) => ({ id, label })) },
    progressKey: progressKeyOf(evaluated.progress, profile.id),
    checklistRev: rev + 1,
  };
  return {
    attributes,
    set: "checklistDocuments = :clDocs, checklistAcks = :clAcks, checklistDoneAt = :clDone, checklistProgress = :clProgress, checklistOpen = :clOpen, progressKey = :clKey, checklistRev = :clNextRev",
    condition: profile.checklistRev === undefined ? "attribute_not_exists(checklistRev)" : "checklistRev = :clRev",
    values: {
      ":clDocs": attributes.checklistDocuments,
      ":clAcks": attributes.checklistAcks,
      ":clDone": attributes.checklistDoneAt,
      ":clProgress": attributes.checklistProgress,
      ":clOpen": attributes.checklistOpen,
      ":clKey": attributes.progressKey,
      ":clNextRev": attributes.checklistRev,
      ...(profile.checklistRev === undefined ? {} : { ":clRev": rev }),
    },
  };
}

/** A standalone Update of the profile's checklist attributes (the file-ready transaction adds it). */
export function checklistUpdateItem(profile: ChecklistHolder, template: Template, change: Partial<ChecklistState>, now: Date): { item: TransactItem; write: ChecklistWrite } {
  const write = checklistWrite(profile, template, change, now);
  return {
    write,
    item: {
      Update: {
        TableName: table("userProfiles"),
        Key: { id: profile.id },
        UpdateExpression: `SET ${write.set}`,
        ConditionExpression: `attribute_exists(id) AND ${write.condition}`,
        ExpressionAttributeValues: write.values,
      },
    },
  };
}

/** The checklist attributes of one profile, read consistently (what a write conditions on). */
export async function getChecklistHolder(profileId: string): Promise<(ChecklistHolder & { userId: string; templateId?: string }) | null> {
  const out = await db().send(
    new GetCommand({
      TableName: table("userProfiles"),
      Key: { id: profileId },
      ProjectionExpression: `id, userId, createdAt, customFields, templateId, ${CHECKLIST_PROJECTION}`,
      ConsistentRead: true,
    }),
  );
  if (!out.Item) return null;
  return z
    .object({ id: z.string(), userId: z.string(), createdAt: z.string(), customFields: z.record(z.string(), z.unknown()), templateId: z.string().optional(), ...checklistAttributes })
    .parse(out.Item);
}

/**
 * Records the acknowledgement of statement `itemId` by `by` with its `checklist.acknowledged`
 * entry, in one transaction. Acknowledging again changes nothing.
 */
export async function acknowledgeItem(
  profileId: string,
  template: Template & { id: string },
  itemId: string,
  by: { id: string; name: string },
  ctx: AuditContext,
): Promise<"acknowledged" | "already"> {
  const item = template.checklist.find((i) => i.id === itemId);
  if (!item || item.kind !== "acknowledgement") throw new ValidationError("This checklist has no such statement.", { itemId: ["This checklist has no such statement."] });
  for (let attempt = 1; attempt <= 4; attempt++) {
    const profile = await getChecklistHolder(profileId);
    if (!profile || profile.templateId !== template.id) throw new NotFoundError("This profile does not exist.");
    if (profile.checklistAcks?.[itemId]) return "already";
    const now = new Date();
    const acks = { ...(profile.checklistAcks ?? {}), [itemId]: { by: by.id, byName: by.name, at: now.toISOString() } };
    const { item: update } = checklistUpdateItem(profile, template, { acks }, now);
    try {
      await transact(
        [update, auditPut(ctx, { action: "checklist.acknowledged", targetUserId: profile.userId, details: { profileId, templateId: template.id, itemId, label: item.label } }, now)],
        (codes) => (codes[0] === "ConditionalCheckFailed" ? new ChecklistMoved() : new Error(`acknowledgeItem cancelled: ${codes.join(",")}`)),
      );
      return "acknowledged";
    } catch (error) {
      if (!(error instanceof ChecklistMoved)) throw error;
    }
  }
  throw new ConflictError("This checklist is changing elsewhere right now. Try again.");
}

export const PROGRESS_FILTERS = ["all", "open", "overdue", "done"] as const;
export type ProgressFilter = (typeof PROGRESS_FILTERS)[number];

export interface ProgressRow {
  profileId: string;
  userId: string;
  profileName: string;
  progress: ProgressSummary;
}

export interface ProgressQuery {
  templateId: string;
  filter: ProgressFilter;
  /** "asc": open ones first, most overdue first, then done ones; "desc" the reverse. */
  order: "asc" | "desc";
  cursor?: string | null;
  limit?: number;
}

/** One page of a template's progress: one Query on Template-Progress-Index whatever the filter. */
export async function listTemplateProgress(query: ProgressQuery, now: Date = new Date()): Promise<Page<ProgressRow>> {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 25), 1), 100);
  const scope = `progress:${query.templateId}:${query.filter}:${query.order}`;
  const values: Record<string, unknown> = { ":t": query.templateId };
  let range = "";
  if (query.filter === "open") {
    range = " AND begins_with(progressKey, :p)";
    values[":p"] = OPEN_PREFIX;
  } else if (query.filter === "done") {
    range = " AND begins_with(progressKey, :p)";
    values[":p"] = DONE_PREFIX;
  } else if (query.filter === "overdue") {
    range = " AND progressKey BETWEEN :from AND :to";
    values[":from"] = OPEN_PREFIX;
    values[":to"] = `${OPEN_PREFIX}${now.toISOString()}`;
  }
  const out = await db().send(
    new QueryCommand({
      TableName: table("userProfiles"),
      IndexName: INDEX.userProfiles.progressOfTemplate,
      KeyConditionExpression: `templateId = :t${range}`,
      ExpressionAttributeValues: values,
      ExpressionAttributeNames: { "#name": "name" },
      ProjectionExpression: "id, userId, #name, templateId, progressKey, checklistProgress",
      ScanIndexForward: query.order === "asc",
      Limit: limit,
      ExclusiveStartKey: decodeCursor(scope, query.cursor),
    }),
  );
  const row = z.object({ id: z.string(), userId: z.string(), name: z.string(), checklistProgress: progressSchema });
  return {
    items: (out.Items ?? []).map((item) => {
      const parsed = row.parse(item);
      return { profileId: parsed.id, userId: parsed.userId, profileName: parsed.name, progress: parsed.checklistProgress };
    }),
    nextCursor: encodeCursor(scope, out.LastEvaluatedKey),
  };
}
