import "server-only";
import { GetCommand, QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { diff } from "@/lib/audit/diff";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { fold, nameMatches } from "@/lib/format/fold";
import { FILE_PURPOSES } from "@/lib/uploads/policies";
import type { FilePurposeFilter } from "@/lib/validation/file-filter";
import { type AuditContext, auditPut } from "./audit";
import { batchGetAll } from "./batch-get";
import { db, table } from "./client";
import { decodeCursor, encodeCursor } from "./cursor";
import { epoch, FILE_NAMES as NAMES, nowEpoch, profileImageField } from "./file-item";
import { type Page } from "@/lib/types/page";
import { INDEX } from "./tables";
import { ChecklistMoved } from "./checklist";
import { ShownMoved, shownOnUser } from "./profile-default";
import { transact, type TransactItem } from "./transact";

// File metadata: the spec's FileMetadata plus status (pending → ready), purpose, profileId,
// version, displayName and a TTL attribute. `uploadedBy` is the user whose space the file is in
// (the `users/{userId}/` of its key, what "my files" lists); the person who acted is in the
// audit entry. This is the repository of ready files; an upload's way from pending to ready
// is in lib/db/file-uploads.ts.

export const fileSchema = z.object({
  id: z.string(),
  originalName: z.string(),
  displayName: z.string(),
  mimeType: z.string(),
  size: z.number(),
  s3Key: z.string(),
  uploadedBy: z.string(),
  tags: z.array(z.string()).default([]),
  isPublic: z.boolean(),
  expiresAt: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  status: z.enum(["pending", "ready"]),
  purpose: z.enum(FILE_PURPOSES),
  profileId: z.string().optional(),
  /** For a document uploaded for a template-based profile's checklist: the kind of document it is (issue #14). */
  documentKind: z.string().optional(),
  version: z.number().int(),
});
export type FileMetadata = z.infer<typeof fileSchema>;

const PROJECTION = "id, originalName, displayName, mimeType, size, s3Key, uploadedBy, tags, isPublic, expiresAt, createdAt, updatedAt, #status, purpose, profileId, documentKind, version";
const STALE = "This file was changed by someone else since you opened it.";

/** Expired files are never shown or served, even before TTL deletes them. */
export function isExpired(file: Pick<FileMetadata, "expiresAt">, now = Date.now()): boolean {
  return file.expiresAt !== undefined && Date.parse(file.expiresAt) <= now;
}

export async function getFile(id: string, options: { consistent?: boolean } = {}): Promise<FileMetadata | null> {
  const out = await db().send(
    new GetCommand({ TableName: table("files"), Key: { id }, ProjectionExpression: PROJECTION, ExpressionAttributeNames: NAMES, ConsistentRead: options.consistent ?? false }),
  );
  return out.Item ? fileSchema.parse(out.Item) : null;
}

/**
 * Many files in one round trip per 100 ids (BatchGetItem's limit), for pages that show many
 * profiles or files at once; unknown ids are absent from the map.
 */
export async function getFilesByIds(ids: readonly string[], options: { consistent?: boolean } = {}): Promise<Map<string, FileMetadata>> {
  const name = table("files");
  const found = await batchGetAll({
    [name]: { Keys: [...new Set(ids)].map((id) => ({ id })), ProjectionExpression: PROJECTION, ExpressionAttributeNames: NAMES, ConsistentRead: options.consistent ?? false },
  });
  const files = (found.get(name) ?? []).map((item) => fileSchema.parse(item));
  return new Map(files.map((file) => [file.id, file]));
}


export interface FileQuery {
  /** Words of the name (case- and accent-insensitive, each found anywhere in the name). */
  q?: string;
  /** One tag, matched case-insensitively ("CV" finds "cv"). */
  tag?: string;
  /** "image", "document" (anything not an image) or undefined for all. */
  kind?: "image" | "document";
  /** What the files are for: uploads and exports (the default), avatars and backgrounds, or all. */
  purpose?: FilePurposeFilter;
  cursor?: string | null;
  limit?: number;
  /** At most this many Query pages (of 100 items) a call; see listFiles. */
  maxReads?: number;
}

const PROFILE_IMAGE_PURPOSES = ["avatar", "background"] as const;

/**
 * A user's ready, unexpired files, newest first: Queries of UploadedBy-Index (a user's files
 * are one partition). Status, expiry, type and purpose narrow the Query itself; the name
 * search and the tag are compared here (folded for case and accents, which a FilterExpression
 * cannot do), on the same items the Query reads anyway. A call reads at most `maxReads`
 * (default 2) pages of 100 items, so a page stays within the 4 DynamoDB calls a request may
 * make; a rare search whose matches are spread thin returns a short page with a cursor, and
 * "Load more" reads on from where it stopped.
 */
export async function listFiles(ownerId: string, query: FileQuery = {}): Promise<Page<FileMetadata>> {
  const limit = Math.min(Math.max(query.limit ?? 25, 1), 100);
  const maxReads = Math.max(query.maxReads ?? 2, 1);
  const purpose = query.purpose ?? "documents";
  const scope = `files:${ownerId}:${fold(query.q ?? "")}:${fold(query.tag ?? "")}:${query.kind ?? ""}:${purpose}`;
  const filters = ["#status = :ready", "(attribute_not_exists(expiresAtEpoch) OR expiresAtEpoch > :now)"];
  const values: Record<string, unknown> = { ":owner": ownerId, ":ready": "ready", ":now": nowEpoch() };
  if (query.kind) {
    filters.push(query.kind === "image" ? "begins_with(mimeType, :image)" : "NOT begins_with(mimeType, :image)");
    values[":image"] = "image/";
  }
  if (purpose !== "all") {
    filters.push(`${purpose === "profile-images" ? "" : "NOT "}purpose IN (:avatar, :background)`);
    values[":avatar"] = PROFILE_IMAGE_PURPOSES[0];
    values[":background"] = PROFILE_IMAGE_PURPOSES[1];
  }
  const tag = query.tag ? fold(query.tag) : null;
  const keep = (file: FileMetadata) => (!query.q || nameMatches(file.displayName, query.q)) && (!tag || file.tags.some((t) => fold(t) === tag));
  const items: FileMetadata[] = [];
  let key = decodeCursor(scope, query.cursor);
  // The filters apply after DynamoDB's Limit, so read ahead and end the page at the last item
  // kept: its key is where the next page starts.
  for (let reads = 0; items.length < limit && reads < maxReads; reads++) {
    const input: QueryCommandInput = {
      TableName: table("files"),
      IndexName: INDEX.files.byUploader,
      KeyConditionExpression: "uploadedBy = :owner",
      FilterExpression: filters.join(" AND "),
      ExpressionAttributeNames: NAMES,
      ExpressionAttributeValues: values,
      ProjectionExpression: PROJECTION,
      ScanIndexForward: false,
      Limit: 100,
      ExclusiveStartKey: key,
    };
    const out = await db().send(new QueryCommand(input));
    const fetched = (out.Items ?? []).map((item) => fileSchema.parse(item)).filter(keep);
    const room = limit - items.length;
    if (fetched.length > room) {
      items.push(...fetched.slice(0, room));
      const last = items[items.length - 1]!;
      key = { id: last.id, uploadedBy: last.uploadedBy, createdAt: last.createdAt };
      break;
    }
    items.push(...fetched);
    key = out.LastEvaluatedKey;
    if (!key) break;
  }
  return { items, nextCursor: encodeCursor(scope, key) };
}

export interface FilePatch {
  displayName?: string;
  tags?: string[];
  isPublic?: boolean;
  /** An ISO time, or null to clear the expiry. */
  expiresAt?: string | null;
}

export async function updateFile(id: string, expectedVersion: number, patch: FilePatch, ctx: AuditContext): Promise<FileMetadata> {
  const current = await getFile(id, { consistent: true });
  if (!current || current.status !== "ready") throw new NotFoundError("This file does not exist.");
  if (current.version !== expectedVersion) throw new ConflictError(STALE, undefined, current);
  const next: FileMetadata = {
    ...current,
    ...(patch.displayName !== undefined ? { displayName: patch.displayName } : {}),
    ...(patch.tags !== undefined ? { tags: patch.tags } : {}),
    ...(patch.isPublic !== undefined ? { isPublic: patch.isPublic } : {}),
  };
  if (patch.expiresAt === null) delete next.expiresAt;
  else if (patch.expiresAt !== undefined) next.expiresAt = patch.expiresAt;
  const changeSet = diff(
    { displayName: current.displayName, tags: current.tags, isPublic: current.isPublic, expiresAt: current.expiresAt ?? null },
    { displayName: next.displayName, tags: next.tags, isPublic: next.isPublic, expiresAt: next.expiresAt ?? null },
  );
  if (!changeSet.affectedFields.length) return current;
  const now = new Date().toISOString();
  const updated: FileMetadata = { ...next, updatedAt: now, version: current.version + 1 };
  await transact(
    [
      {
        Update: {
          TableName: table("files"),
          Key: { id },
          UpdateExpression: `SET displayName = :name, tags = :tags, isPublic = :public, updatedAt = :now, version = :next, ${
            updated.expiresAt ? "expiresAt = :expiresAt, expiresAtEpoch = :exp" : "REMOVE expiresAt, expiresAtEpoch"
          }`.replace(", REMOVE", " REMOVE"),
          ConditionExpression: "version = :expected",
          ExpressionAttributeValues: {
            ":name": updated.displayName,
            ":tags": updated.tags,
            ":public": updated.isPublic,
            ":now": now,
            ":next": updated.version,
            ":expected": expectedVersion,
            ...(updated.expiresAt ? { ":expiresAt": updated.expiresAt, ":exp": epoch(updated.expiresAt) } : {}),
          },
        },
      },
      auditPut(ctx, { action: "file.updated", targetUserId: current.uploadedBy, details: { fileId: id, name: updated.displayName, ...changeSet } }),
    ],
    (codes) => (codes[0] === "ConditionalCheckFailed" ? new ConflictError(STALE) : new Error(`updateFile cancelled: ${codes.join(",")}`)),
  );
  return updated;
}

/**
 * Deletes the metadata (and unsets a profile's avatar/background) with its audit entry, and
 * `checklistItem`, the reopening of a checklist item the file was counted for, in the same
 * transaction (refused as ChecklistMoved when that checklist changed meanwhile).
 */
export async function deleteFileRecord(file: FileMetadata, ctx: AuditContext, checklistItem?: TransactItem): Promise<void> {
  const items: TransactItem[] = [
    { Delete: { TableName: table("files"), Key: { id: file.id }, ConditionExpression: "attribute_exists(id)" } },
    auditPut(ctx, { action: "file.deleted", targetUserId: file.uploadedBy, details: { fileId: file.id, name: file.displayName, purpose: file.purpose } }),
  ];
  let shown: TransactItem | null = null;
  if (file.profileId && (file.purpose === "avatar" || file.purpose === "background")) {
    const field = profileImageField(file.purpose);
    const profile = await db().send(
      new GetCommand({ TableName: table("userProfiles"), Key: { id: file.profileId }, ProjectionExpression: `id, userId, isDefault, ${field}`, ConsistentRead: true }),
    );
    // Only unset it where it is still this file (an Update would create a missing profile).
    if (profile.Item?.[field] === file.id) {
      if (file.purpose === "avatar") {
        shown = shownOnUser(String(profile.Item.userId), file.profileId, profile.Item.isDefault === true, { avatarKey: null });
        items.push(shown);
      }
      items.push({
        Update: {
          TableName: table("userProfiles"),
          Key: { id: file.profileId },
          UpdateExpression: `REMOVE ${field}`,
          ConditionExpression: `${field} = :id`,
          ExpressionAttributeValues: { ":id": file.id },
        },
      });
    }
  }
  if (checklistItem) items.push(checklistItem);
  await transact(items, (codes) =>
    codes[0] === "ConditionalCheckFailed"
      ? new NotFoundError("This file does not exist.")
      : checklistItem && codes[items.indexOf(checklistItem)] === "ConditionalCheckFailed"
        ? new ChecklistMoved()
        : shown && codes[items.indexOf(shown)] === "ConditionalCheckFailed"
          ? new ShownMoved()
          : new NotFoundError("This file does not exist."),
  );
}
