import "server-only";
import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import type { ChangeSet } from "@/lib/audit/diff";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { PROFILE_TYPES } from "@/lib/validation/profile-details";
import { type Page } from "@/lib/types/page";
import { type AuditContext, auditPut } from "./audit";
import { batchGetAll } from "./batch-get";
import { db, table } from "./client";
import { decodeCursor, encodeCursor } from "./cursor";
import { INDEX } from "./tables";
import { transact } from "./transact";

// Template metadata: what a list shows without reading any document, and `s3Key`, the one
// document (lib/s3/keys.ts templateDocumentKey) that is this version of the template. The
// document is written before the item that names it, so the item never points at a missing
// object (lib/templates/service.ts says how).

export const TEMPLATE_STATUSES = ["active", "archived"] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

export const templateMetadataSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().optional(),
  profileType: z.enum(PROFILE_TYPES),
  fieldCount: z.number().int(),
  checklistCount: z.number().int(),
  status: z.enum(TEMPLATE_STATUSES),
  s3Key: z.string(),
  thumbnailKey: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string(),
  version: z.number().int(),
});
export type TemplateMetadata = z.infer<typeof templateMetadataSchema>;

const NAMES = { "#status": "status" };
const PROJECTION = "id, title, description, profileType, fieldCount, checklistCount, #status, s3Key, thumbnailKey, createdAt, updatedAt, createdBy, version";
export const STALE_TEMPLATE = "This template was changed by someone else since you opened it.";
const MISSING = "This template does not exist.";

export async function getTemplateMetadata(id: string, options: { consistent?: boolean } = {}): Promise<TemplateMetadata | null> {
  const out = await db().send(
    new GetCommand({ TableName: table("templates"), Key: { id }, ProjectionExpression: PROJECTION, ExpressionAttributeNames: NAMES, ConsistentRead: options.consistent ?? false }),
  );
  return out.Item ? templateMetadataSchema.parse(out.Item) : null;
}

/** Puts a new template's item with its `template.created` entry; a taken id is a ConflictError. */
/** Many templates' metadata in one BatchGetItem per 100 ids; unknown ids are absent. */
export async function getTemplatesMetadata(ids: readonly string[]): Promise<Map<string, TemplateMetadata>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const name = table("templates");
  const found = await batchGetAll({ [name]: { Keys: unique.map((id) => ({ id })), ProjectionExpression: PROJECTION, ExpressionAttributeNames: NAMES } });
  return new Map((found.get(name) ?? []).map((item) => { const metadata = templateMetadataSchema.parse(item); return [metadata.id, metadata]; }));
}

export async function insertTemplate(template: TemplateMetadata, ctx: AuditContext): Promise<void> {
  await transact(
    [
      { Put: { TableName: table("templates"), Item: templateMetadataSchema.parse(template), ConditionExpression: "attribute_not_exists(id)" } },
      auditPut(ctx, { action: "template.created", details: { templateId: template.id, title: template.title, profileType: template.profileType } }),
    ],
    (codes) => (codes[0] === "ConditionalCheckFailed" ? new ConflictError("A template with this id exists already.") : new Error(`insertTemplate cancelled: ${codes.join(",")}`)),
  );
}

/**
 * Replaces the item of version `expectedVersion` by `next` (its version one higher) with the
 * `template.updated` entry; refused with a ConflictError when the item is at another version.
 */
export async function replaceTemplate(next: TemplateMetadata, expectedVersion: number, changeSet: ChangeSet, ctx: AuditContext): Promise<void> {
  await transact(
    [
      {
        Put: {
          TableName: table("templates"),
          Item: templateMetadataSchema.parse(next),
          ConditionExpression: "version = :expected AND #status = :active",
          ExpressionAttributeNames: NAMES,
          ExpressionAttributeValues: { ":expected": expectedVersion, ":active": "active" },
        },
      },
      auditPut(ctx, { action: "template.updated", details: { templateId: next.id, title: next.title, ...changeSet } }),
    ],
    (codes) => (codes[0] === "ConditionalCheckFailed" ? new ConflictError(STALE_TEMPLATE) : new Error(`replaceTemplate cancelled: ${codes.join(",")}`)),
  );
}

/** Marks an active template archived (it stays readable; lists of active templates leave it out). */
export async function archiveTemplateRecord(id: string, expectedVersion: number, ctx: AuditContext): Promise<TemplateMetadata> {
  const current = await getTemplateMetadata(id, { consistent: true });
  if (!current) throw new NotFoundError(MISSING);
  if (current.version !== expectedVersion || current.status !== "active") throw new ConflictError(STALE_TEMPLATE, undefined, current);
  const archived: TemplateMetadata = { ...current, status: "archived", updatedAt: new Date().toISOString(), version: current.version + 1 };
  await transact(
    [
      {
        Update: {
          TableName: table("templates"),
          Key: { id },
          UpdateExpression: "SET #status = :archived, updatedAt = :now, version = :next",
          ConditionExpression: "version = :expected AND #status = :active",
          ExpressionAttributeNames: NAMES,
          ExpressionAttributeValues: { ":archived": "archived", ":active": "active", ":now": archived.updatedAt, ":next": archived.version, ":expected": expectedVersion },
        },
      },
      auditPut(ctx, { action: "template.archived", details: { templateId: id, title: current.title } }),
    ],
    (codes) => (codes[0] === "ConditionalCheckFailed" ? new ConflictError(STALE_TEMPLATE) : new Error(`archiveTemplate cancelled: ${codes.join(",")}`)),
  );
  return archived;
}

export interface TemplateQuery {
  status: TemplateStatus;
  cursor?: string | null;
  limit?: number;
}

/** One status's templates, most recently changed first: a Query on Status-Updated-Index. */
export async function listTemplateMetadata(query: TemplateQuery): Promise<Page<TemplateMetadata>> {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 25), 1), 100);
  const scope = `templates:${query.status}`;
  const out = await db().send(
    new QueryCommand({
      TableName: table("templates"),
      IndexName: INDEX.templates.byStatus,
      KeyConditionExpression: "#status = :status",
      ExpressionAttributeNames: NAMES,
      ExpressionAttributeValues: { ":status": query.status },
      ProjectionExpression: PROJECTION,
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(scope, query.cursor),
    }),
  );
  return { items: (out.Items ?? []).map((item) => templateMetadataSchema.parse(item)), nextCursor: encodeCursor(scope, out.LastEvaluatedKey) };
}

/**
 * Names a new thumbnail on the item at `expectedVersion` (bumping it) with its `template.updated`
 * entry, in one transaction; refused with a ConflictError when the item moved on or was archived.
 */
export async function setTemplateThumbnail(current: TemplateMetadata, thumbnailKey: string, change: ChangeSet, ctx: AuditContext): Promise<TemplateMetadata> {
  const next: TemplateMetadata = { ...current, thumbnailKey, updatedAt: new Date().toISOString(), version: current.version + 1 };
  await transact(
    [
      {
        Update: {
          TableName: table("templates"),
          Key: { id: current.id },
          UpdateExpression: "SET thumbnailKey = :key, updatedAt = :now, version = :next",
          ConditionExpression: "version = :expected AND #status = :active",
          ExpressionAttributeNames: NAMES,
          ExpressionAttributeValues: { ":key": thumbnailKey, ":now": next.updatedAt, ":next": next.version, ":expected": current.version, ":active": "active" },
        },
      },
      auditPut(ctx, { action: "template.updated", details: { templateId: current.id, title: current.title, ...change } }),
    ],
    (codes) => (codes[0] === "ConditionalCheckFailed" ? new ConflictError(STALE_TEMPLATE) : new Error(`setTemplateThumbnail cancelled: ${codes.join(",")}`)),
  );
  return next;
}
