import "server-only";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { type AuditContext, auditPut } from "./audit";
import { ChecklistMoved } from "./checklist";
import { db, table } from "./client";
import { epoch, FILE_NAMES as NAMES, nowEpoch, profileImageField } from "./file-item";
import { type FileMetadata, getFile } from "./files";
import { avatarOnUser } from "./profile-default";
import { transact, type TransactItem } from "./transact";

// An upload's file record, from pending (with a TTL, so an abandoned upload disappears) to
// ready at its final key, or dropped when it fails its checks (lib/uploads/service.ts).

/** A pending upload that is never completed disappears after this long. */
export const PENDING_TTL_SECONDS = 60 * 60;

export function pendingFilePut(file: FileMetadata): TransactItem {
  return {
    Put: {
      TableName: table("files"),
      Item: { ...file, expiresAtEpoch: nowEpoch() + PENDING_TTL_SECONDS },
      ConditionExpression: "attribute_not_exists(id)",
    },
  };
}

export async function recordPendingUpload(file: FileMetadata, ctx: AuditContext): Promise<void> {
  await transact(
    [
      pendingFilePut(file),
      auditPut(ctx, {
        action: "file.upload_started",
        targetUserId: file.uploadedBy,
        details: { fileId: file.id, purpose: file.purpose, name: file.originalName, mimeType: file.mimeType, size: file.size, ...(file.profileId ? { profileId: file.profileId } : {}) },
      }),
    ],
    (codes) => new Error(`recordPendingUpload cancelled: ${codes.join(",")}`),
  );
}

/**
 * Marks a checked upload ready at its final key, in one transaction with its audit entry; an
 * avatar or background also becomes the profile's, replacing (deleting the metadata of) the
 * previous one. Returns the replaced file, whose object the caller removes.
 */
export async function markUploadReady(
  file: FileMetadata,
  finalKey: string,
  ctx: AuditContext,
  /** Written in the same transaction: a checklist's progress the file moves (lib/db/checklist.ts); refused as ChecklistMoved. */
  checklistItem?: TransactItem,
): Promise<{ ready: FileMetadata; replaced: FileMetadata | null }> {
  const now = new Date().toISOString();
  const ready: FileMetadata = { ...file, status: "ready", s3Key: finalKey, updatedAt: now, version: file.version + 1 };
  const items: TransactItem[] = [
    {
      Update: {
        TableName: table("files"),
        Key: { id: file.id },
        UpdateExpression: `SET #status = :ready, s3Key = :key, updatedAt = :now, version = :next ${file.expiresAt ? ", expiresAtEpoch = :exp" : "REMOVE expiresAtEpoch"}`,
        ConditionExpression: "#status = :pending AND version = :expected",
        ExpressionAttributeNames: NAMES,
        ExpressionAttributeValues: {
          ":ready": "ready",
          ":pending": "pending",
          ":key": finalKey,
          ":now": now,
          ":next": ready.version,
          ":expected": file.version,
          ...(file.expiresAt ? { ":exp": epoch(file.expiresAt) } : {}),
        },
      },
    },
    auditPut(ctx, {
      action: "file.uploaded",
      targetUserId: file.uploadedBy,
      details: {
        fileId: file.id, purpose: file.purpose, name: file.originalName, mimeType: file.mimeType, size: file.size, s3Key: finalKey,
        ...(file.profileId ? { profileId: file.profileId } : {}), ...(file.documentKind ? { documentKind: file.documentKind } : {}),
      },
    }),
  ];
  let replaced: FileMetadata | null = null;
  if (file.profileId && (file.purpose === "avatar" || file.purpose === "background")) {
    const field = profileImageField(file.purpose);
    const profile = await db().send(
      new GetCommand({ TableName: table("userProfiles"), Key: { id: file.profileId }, ProjectionExpression: `id, userId, isDefault, ${field}`, ConsistentRead: true }),
    );
    if (!profile.Item) throw new NotFoundError("This profile no longer exists.");
    const previousId = profile.Item[field] as string | undefined;
    if (file.purpose === "avatar") items.push(avatarOnUser(String(profile.Item.userId), file.profileId, profile.Item.isDefault === true, finalKey));
    replaced = previousId ? await getFile(previousId, { consistent: true }) : null;
    items.push({
      Update: {
        TableName: table("userProfiles"),
        Key: { id: file.profileId },
        UpdateExpression: `SET ${field} = :id`,
        ConditionExpression: previousId ? `${field} = :previous` : `attribute_exists(id) AND attribute_not_exists(${field})`,
        ExpressionAttributeValues: { ":id": file.id, ...(previousId ? { ":previous": previousId } : {}) },
      },
    });
    if (replaced) items.push({ Delete: { TableName: table("files"), Key: { id: replaced.id } } });
  }
  if (checklistItem) items.push(checklistItem);
  await transact(items, (codes) =>
    codes[0] === "ConditionalCheckFailed"
      ? new ConflictError("This upload was already completed or cancelled.")
      : checklistItem && codes[items.indexOf(checklistItem)] === "ConditionalCheckFailed"
        ? new ChecklistMoved()
        : new ConflictError("The profile changed while this upload finished. Try again."),
  );
  return { ready, replaced };
}

/** Drops a pending upload that failed its checks, with the reason in the audit entry. */
export async function recordRejectedUpload(file: FileMetadata, reason: string, ctx: AuditContext): Promise<void> {
  await transact(
    [
      { Delete: { TableName: table("files"), Key: { id: file.id }, ConditionExpression: "#status = :pending", ExpressionAttributeNames: NAMES, ExpressionAttributeValues: { ":pending": "pending" } } },
      auditPut(ctx, { action: "file.upload_rejected", targetUserId: file.uploadedBy, details: { fileId: file.id, purpose: file.purpose, name: file.originalName, reason } }),
    ],
    () => new ConflictError("This upload was already completed or cancelled."),
  );
}
