import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { profileSubject } from "@/lib/auth/subjects";
import { type AuditContext, auditPut } from "@/lib/db/audit";
import { table } from "@/lib/db/client";
import { type FileMetadata, getFile } from "@/lib/db/files";
import { transact } from "@/lib/db/transact";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { bucket, s3 } from "@/lib/s3/client";
import { deleteObject, persist } from "@/lib/s3/tidy";
import { checklistExportKey } from "@/lib/s3/keys";
import type { ChecklistView } from "@/lib/templates/checklist-view";
import type { ChecklistExportResult } from "@/lib/types/checklist-export";
import { downloadUrl } from "@/lib/uploads/service";
import type { User } from "@/lib/validation/users";
import { renderChecklistPdf } from "./checklist-pdf";

export type { ChecklistExportResult };

// "Export checklist" (issue #14 part 5): the PDF is rendered, stored in the owner's space and
// listed with their files (purpose "export"), and offered as a download through the same
// short-lived presigned GET as any file (an attachment, never shown inline).
//
// One file per owner and day: its item's id is derived from both, so a second export that day
// replaces the item (read consistently, written on its version) and says so. The bytes follow
// the rule of every stored object here (docs/architecture.md §4): each rendering has a key of
// its own, written first; the metadata and the `checklist.exported` entry then commit in one
// transaction; if that is refused the new object is deleted (after reading the item back, in
// case the write went through and only its answer was lost), and once it commits the replaced
// rendering's object is deleted. An object a failed delete leaves behind is named by no item:
// storage:check reports and removes it.

export interface ExportContext {
  audit: AuditContext;
  /** The export's time (tests); now by default. */
  now?: Date;
  /** IANA zone the PDF shows dates in; UTC by default. */
  timeZone?: string;
}

export interface ChecklistExport {
  file: FileMetadata;
  /** That day's export was there and this one replaced it. */
  replaced: boolean;
  /** YYYY-MM-DD (UTC), the day in the key and the file name. */
  date: string;
  fileName: string;
  /** A presigned GET of a few minutes that downloads the PDF as `fileName`. */
  url: string;
}

const RACE = "Another export of this checklist was saved at the same moment. Try again.";
const ATTEMPTS = 3;

export function exportDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function exportFileName(date: string): string {
  return `checklist-${date}.pdf`;
}

/**
 * The id of an owner's export file of a day: a UUID (version 8, RFC 9562's custom kind) made
 * from a hash of both. Anyone who knows a user's id can compute it; what protects the file is
 * the guard every read goes through (fileSubject), not the id's secrecy, as for every file.
 */
export function exportFileId(userId: string, date: string): string {
  const hex = createHash("sha256").update(`checklist-export\0${userId}\0${date}`).digest("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}


interface Committed {
  file: FileMetadata;
  previous: FileMetadata | null;
}

/** The item and its audit entry in one transaction, on the version read; a concurrent export of the same day is read again and replaced. */
async function commit(view: ChecklistView, id: string, s3Key: string, size: number, date: string, ctx: ExportContext, at: Date): Promise<Committed> {
  for (let attempt = 1; ; attempt++) {
    const previous = await getFile(id, { consistent: true });
    const now = at.toISOString();
    const name = exportFileName(date);
    const file: FileMetadata = {
      id,
      originalName: name,
      // A name or tags the owner gave that day's file stay; the new rendering is not public until they say so.
      displayName: previous?.displayName ?? name,
      mimeType: "application/pdf",
      size,
      s3Key,
      uploadedBy: view.userId,
      tags: previous?.tags ?? [],
      isPublic: false,
      createdAt: now,
      updatedAt: now,
      status: "ready",
      purpose: "export",
      version: (previous?.version ?? 0) + 1,
    };
    try {
      await transact(
        [
          {
            Put: {
              TableName: table("files"),
              Item: file,
              ...(previous
                ? { ConditionExpression: "version = :expected", ExpressionAttributeValues: { ":expected": previous.version } }
                : { ConditionExpression: "attribute_not_exists(id)" }),
            },
          },
          auditPut(ctx.audit, {
            action: "checklist.exported",
            targetUserId: view.userId,
            details: { fileId: id, profileId: view.profileId, templateId: view.templateId, templateTitle: view.templateTitle, date, s3Key, size, replaced: previous !== null },
          }),
        ],
        (codes) => (codes[0] === "ConditionalCheckFailed" ? new ConflictError(RACE) : new Error(`exportChecklist cancelled: ${codes.join(",")}`)),
      );
      return { file, previous };
    } catch (error) {
      if (error instanceof ConflictError && attempt < ATTEMPTS) continue;
      throw error;
    }
  }
}

/**
 * The transaction failed or its answer was lost: whether the item names the new object anyway
 * (the write went through), read back; if not, the new object, which nothing names, is deleted.
 */
async function settleFailedCommit(id: string, s3Key: string): Promise<FileMetadata | null> {
  const current = await persist(() => getFile(id, { consistent: true }));
  if (current?.s3Key === s3Key) return current;
  await persist(() => deleteObject(s3Key));
  return null;
}

/** Renders the view's PDF, stores it as that day's export of its owner, audited, and returns its download. */
export async function exportChecklist(view: ChecklistView, ctx: ExportContext): Promise<ChecklistExport> {
  const at = ctx.now ?? new Date();
  const date = exportDate(at);
  const bytes = await renderChecklistPdf(view, { exportedAt: at, ...(ctx.timeZone ? { timeZone: ctx.timeZone } : {}) });
  const id = exportFileId(view.userId, date);
  const s3Key = checklistExportKey(view.userId, date, randomUUID());
  await s3().send(new PutObjectCommand({ Bucket: bucket(), Key: s3Key, Body: bytes, ContentType: "application/pdf", ContentLength: bytes.length, CacheControl: "private, no-cache" }));
  let committed: Committed;
  try {
    committed = await commit(view, id, s3Key, bytes.length, date, ctx, at);
  } catch (error) {
    // The caller hears the original error when this cannot settle it either.
    const settled = await settleFailedCommit(id, s3Key).catch(() => null);
    if (!settled) throw error;
    // It did commit; which rendering it replaced is no longer known here (storage:check finds an object left so).
    committed = { file: settled, previous: null };
  }
  const { file, previous } = committed;
  if (previous && previous.s3Key !== s3Key) {
    await deleteObject(previous.s3Key).catch((error: unknown) => console.warn(`checklist export ${id}: ${previous.s3Key} not deleted`, error));
  }
  // Every replacement raises the version: version 1 is the day's first export.
  return { file, replaced: file.version > 1, date, fileName: exportFileName(date), url: await downloadUrl(file) };
}

/**
 * The core of the "Export checklist" action: `actor` (read on this request) exports `view`,
 * which the caller computed for the profile it names. Allowed to the profile's owner and to
 * whoever may manage the owner's profiles (lib/auth/permissions.ts: admins, managers over
 * users); the profile is read fresh, and a view whose profile is gone, foreign, or not its
 * owner's is answered like a missing profile.
 */
export async function exportChecklistFor(actor: User, view: ChecklistView, ctx: ExportContext): Promise<ChecklistExportResult> {
  const { owner } = await profileSubject(actor, view.profileId, { ownerId: view.userId });
  if (owner.id !== view.userId) throw new NotFoundError("This profile does not exist.");
  const done = await exportChecklist(view, ctx);
  return { fileId: done.file.id, fileName: done.fileName, url: done.url, replaced: done.replaced, exportedAt: done.file.updatedAt };
}
