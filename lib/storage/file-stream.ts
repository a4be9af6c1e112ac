import "server-only";
import { createHash } from "node:crypto";
import { DeleteObjectCommand } from "@aws-sdk/client-s3";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { z } from "zod";
import { auditPut, SYSTEM_ACTOR } from "@/lib/db/audit";
import { transact } from "@/lib/db/transact";
import { bucket, s3 } from "@/lib/s3/client";
import { finalUploadKey } from "@/lib/s3/keys";
import { FILE_PURPOSES } from "@/lib/uploads/policies";

// The files table's change stream, handled in one place: on AWS a Lambda gets the records
// (lib/storage/file-stream-lambda.ts, deployed by lib/infra/stream-lambda.ts), locally
// scripts/local-stack/stream-poller.ts reads DynamoDB Local's stream and calls the same function.
// When TTL removes a file item (an expiry the owner set, or an upload never completed within its
// hour) its S3 object is deleted and the removal is audited, so storage holds nothing that
// metadata does not. Stream delivery is at least once: deleting an object twice is harmless and
// the audit entry has a fixed id, so a replay writes nothing new.

/** A stream record as the Streams API (Type, PrincipalId) and Lambda's event (type, principalId) carry it. */
export interface FileStreamRecord {
  eventName?: string;
  userIdentity?: { type?: string; principalId?: string; Type?: string; PrincipalId?: string };
  dynamodb?: { OldImage?: Record<string, unknown>; ApproximateCreationDateTime?: Date | number };
}

const removedFile = z.object({
  id: z.string(),
  uploadedBy: z.string(),
  s3Key: z.string(),
  originalName: z.string(),
  displayName: z.string().optional(),
  purpose: z.enum(FILE_PURPOSES),
  profileId: z.string().optional(),
  mimeType: z.string().optional(),
  createdAt: z.string().optional(),
  status: z.enum(["pending", "ready"]),
  expiresAt: z.string().optional(),
  expiresAtEpoch: z.number(),
});
type RemovedFile = z.infer<typeof removedFile>;

/**
 * The file an item removal by TTL took away, or null for anything else. On AWS, TTL deletions
 * are REMOVE records whose identity is the DynamoDB service. DynamoDB Local marks them its own
 * way: no identity, and an event name the SDK does not know ("UNKNOWN_TO_SDK_VERSION"); there
 * the item's own TTL being past is the proof. A person's delete is a plain REMOVE: not this.
 */
export function ttlRemovalOf(record: FileStreamRecord, now = Date.now()): RemovedFile | null {
  const image = record.dynamodb?.OldImage;
  if (!image) return null;
  const identity = record.userIdentity;
  const byService = (identity?.type ?? identity?.Type) === "Service" && (identity?.principalId ?? identity?.PrincipalId) === "dynamodb.amazonaws.com";
  const localTtl = record.eventName !== "INSERT" && record.eventName !== "MODIFY" && record.eventName !== "REMOVE";
  if (!byService && !localTtl) return null;
  const parsed = removedFile.safeParse(unmarshall(image as Parameters<typeof unmarshall>[0]));
  if (!parsed.success) return null;
  if (!byService && parsed.data.expiresAtEpoch * 1000 > now) return null;
  return parsed.data;
}

/** One id per file and outcome: a record delivered twice finds its entry already written. */
function entryId(action: string, fileId: string): string {
  const hex = createHash("sha256").update(`${action}:${fileId}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

class AlreadyRecorded extends Error {}

async function recordRemoval(file: RemovedFile): Promise<void> {
  const details = { fileId: file.id, name: file.displayName ?? file.originalName, purpose: file.purpose, s3Key: file.s3Key };
  const entry =
    file.status === "ready"
      ? { action: "file.expired" as const, details: { ...details, ...(file.expiresAt ? { expiresAt: file.expiresAt } : {}) } }
      : { action: "file.upload_abandoned" as const, details };
  try {
    await transact([auditPut({ actorId: SYSTEM_ACTOR }, { ...entry, id: entryId(entry.action, file.id), targetUserId: file.uploadedBy })], (codes) =>
      codes[0] === "ConditionalCheckFailed" ? new AlreadyRecorded() : new Error(`${entry.action} audit cancelled: ${codes.join(",")}`),
    );
  } catch (error) {
    if (!(error instanceof AlreadyRecorded)) throw error;
  }
}

/** The objects a removed item may have left: a pending one's temp object and any final copy. */
function objectsOf(file: RemovedFile): string[] {
  const { mimeType, createdAt } = file;
  if (file.status === "ready" || !mimeType || !createdAt) return [file.s3Key];
  return [file.s3Key, finalUploadKey({ ...file, mimeType, createdAt })];
}

export interface StreamOutcome {
  expired: number;
  abandoned: number;
}

/**
 * Handles a batch in order. Throws on the first failure (S3 or DynamoDB unreachable) so the
 * caller delivers the batch again: Lambda retries it, the local poller keeps its position.
 */
export async function handleFileStreamRecords(records: readonly FileStreamRecord[]): Promise<StreamOutcome> {
  const outcome: StreamOutcome = { expired: 0, abandoned: 0 };
  for (const record of records) {
    const file = ttlRemovalOf(record);
    if (!file) continue;
    // The objects first: an audit entry never claims a deletion that did not happen. An upload
    // never completed may also have left a copy at its final key (a completion that failed
    // after copying and could not take the copy back).
    for (const key of objectsOf(file)) {
      await s3().send(new DeleteObjectCommand({ Bucket: bucket(), Key: key }));
    }
    await recordRemoval(file);
    if (file.status === "ready") outcome.expired++;
    else outcome.abandoned++;
  }
  return outcome;
}
