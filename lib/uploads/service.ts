import "server-only";
import { randomUUID } from "node:crypto";
import { CopyObjectCommand, GetObjectCommand, HeadObjectCommand, NotFound } from "@aws-sdk/client-s3";
import type { AuditContext } from "@/lib/db/audit";
import { markUploadReady, recordPendingUpload, recordRejectedUpload } from "@/lib/db/file-uploads";
import { deleteFileRecord, type FileMetadata, getFile } from "@/lib/db/files";
import { getProfile } from "@/lib/db/profiles";
import { ChecklistMoved } from "@/lib/db/checklist";
import { ShownMoved } from "@/lib/db/profile-default";
import { assertChecklistDocument, documentChecklistItem, removedDocumentChecklistItem } from "@/lib/templates/checklist-documents";
import type { User } from "@/lib/validation/users";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { bucket, s3 } from "@/lib/s3/client";
import { deleteObject, persist } from "@/lib/s3/tidy";
import { finalUploadKey, tempUploadKey } from "@/lib/s3/keys";
import { presignGet, presignPut, UPLOAD_URL_SECONDS } from "@/lib/s3/presign";
import { isRasterImage, UPLOAD_POLICIES, type UploadPurpose, uploadProblem } from "./policies";
import { bytesMatchType } from "./sniff";

// The upload flow (docs/architecture.md §1, step 6): a pending record and a presigned PUT to a temp key; the
// browser uploads straight to S3; completion checks the object itself (size, type, first
// bytes), moves it to its final key and marks it ready with its audit entry. A failed check
// deletes the object and records why.

export interface UploadRequest {
  purpose: UploadPurpose;
  name: string;
  type: string;
  size: number;
  profileId?: string;
  /** A document for that profile's checklist (issue #14): the kind its template asks for. */
  documentKind?: string;
}

export async function startUpload(owner: User, request: UploadRequest, ctx: AuditContext) {
  const problem = uploadProblem(request.purpose, request);
  if (problem) throw new ValidationError(problem, { file: [problem] });
  const policy = UPLOAD_POLICIES[request.purpose];
  if (policy.belongsToProfile) {
    const profile = request.profileId ? await getProfile(request.profileId, { consistent: true }) : null;
    if (!profile || profile.userId !== owner.id) throw new NotFoundError("This profile does not exist.");
  }
  const forChecklist = request.purpose === "document" && request.documentKind !== undefined;
  if (forChecklist) await assertChecklistDocument(owner.id, request.profileId, request.documentKind!);
  const now = new Date().toISOString();
  const id = randomUUID();
  const file: FileMetadata = {
    id,
    originalName: request.name.slice(0, 255),
    displayName: request.name.slice(0, 255),
    mimeType: request.type,
    size: request.size,
    s3Key: tempUploadKey(owner.id, id),
    uploadedBy: owner.id,
    tags: [],
    isPublic: false,
    createdAt: now,
    updatedAt: now,
    status: "pending",
    purpose: request.purpose,
    ...(policy.belongsToProfile || forChecklist ? { profileId: request.profileId } : {}),
    ...(forChecklist ? { documentKind: request.documentKind } : {}),
    version: 1,
  };
  await recordPendingUpload(file, ctx);
  const uploadUrl = await presignPut(file.s3Key, file.mimeType, file.size);
  return { fileId: id, uploadUrl, expiresAt: new Date(Date.now() + UPLOAD_URL_SECONDS * 1000).toISOString() };
}

async function firstBytes(key: string): Promise<Uint8Array> {
  const out = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: key, Range: "bytes=0-4095" }));
  return out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
}

/** Why the uploaded object fails its checks, or null when it passes. */
async function objectProblem(file: FileMetadata): Promise<string | null> {
  try {
    const head = await s3().send(new HeadObjectCommand({ Bucket: bucket(), Key: file.s3Key }));
    if (head.ContentLength !== file.size) return `The uploaded file is ${head.ContentLength} bytes, not the ${file.size} announced.`;
    if ((head.ContentType ?? "").split(";")[0]?.trim() !== file.mimeType) return "The uploaded file's type is not the one announced.";
  } catch (error) {
    if (error instanceof NotFound || (error as { name?: string }).name === "NotFound") return "The file never arrived. Try uploading it again.";
    throw error;
  }
  if (!bytesMatchType(await firstBytes(file.s3Key), file.mimeType)) {
    return `The file's content is not a real ${file.mimeType} file.`;
  }
  return null;
}


/**
 * The copy to the final key or the ready mark failed: whether the mark happened anyway (a
 * timeout after the write), read back; if not, the copy at the final key, which only this file
 * names, is removed rather than left as an object without metadata. Should that delete fail
 * too, the pending item still names the key: the stream handler deletes it when the item
 * expires, and storage:check counts it as in flight meanwhile.
 */
async function settleFailedCompletion(file: FileMetadata, target: string): Promise<FileMetadata | null> {
  const current = await persist(() => getFile(file.id, { consistent: true }));
  if (current?.status === "ready" && current.s3Key === target) return current;
  await persist(() => deleteObject(target));
  return null;
}

/** The ready mark, with the checklist a document moves; a racing checklist change makes it read again. */
async function markReadyWithChecklist(file: FileMetadata, target: string, ctx: AuditContext): ReturnType<typeof markUploadReady> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await markUploadReady(file, target, ctx, await documentChecklistItem(file, new Date()));
    } catch (error) {
      // A checklist's progress or the user's default profile moved meanwhile: read again.
      if (!(error instanceof ChecklistMoved || error instanceof ShownMoved) || attempt >= 4) throw error;
    }
  }
}

export type CompletionResult = { ok: true; file: FileMetadata } | { ok: false; reason: string };

export async function completeUpload(file: FileMetadata, ctx: AuditContext): Promise<CompletionResult> {
  if (file.status !== "pending") throw new ValidationError("This upload was already completed.");
  const problem = await objectProblem(file);
  if (problem) {
    await deleteObject(file.s3Key);
    await recordRejectedUpload(file, problem, ctx);
    return { ok: false, reason: problem };
  }
  const target = finalUploadKey(file);
  let marked: Awaited<ReturnType<typeof markUploadReady>>;
  try {
    await s3().send(
      new CopyObjectCommand({
        Bucket: bucket(),
        Key: target,
        CopySource: `${bucket()}/${file.s3Key}`,
        ContentType: file.mimeType,
        MetadataDirective: "REPLACE",
        // The final object is not temporary: drop the temp tag the lifecycle rule expires.
        TaggingDirective: "REPLACE",
      }),
    );
    marked = await markReadyWithChecklist(file, target, ctx);
  } catch (error) {
    // The caller hears the original error when this cannot settle it either.
    const settled = await settleFailedCompletion(file, target).catch(() => null);
    if (!settled) throw error;
    marked = { ready: settled, replaced: null };
  }
  const { ready, replaced } = marked;
  // The file is ready from here on: tidying up must not answer "failed" for it. What a failed
  // delete leaves (a stale temp object, an object no item names) is what storage:check reports
  // and repairs, and the bucket's lifecycle rule expires temp objects.
  const tidy = (key: string) => deleteObject(key).catch((error) => console.warn(`upload ${file.id}: ${key} not deleted`, error));
  await tidy(file.s3Key);
  // The image this one replaced: its item went in the ready mark's transaction, its object now.
  if (replaced && replaced.s3Key !== target) await tidy(replaced.s3Key);
  return { ok: true, file: ready };
}

/** The browser gave up (cancel or a failed PUT): drop the temp object and the pending record. */
export async function cancelUpload(file: FileMetadata, reason: string, ctx: AuditContext): Promise<void> {
  await deleteObject(file.s3Key);
  await recordRejectedUpload(file, reason, ctx);
}

/** Deletes a file; a checklist document's item reopens in the same transaction. */
export async function deleteFile(file: FileMetadata, ctx: AuditContext): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await deleteFileRecord(file, ctx, await removedDocumentChecklistItem(file, new Date()));
      break;
    } catch (error) {
      if (!(error instanceof ChecklistMoved || error instanceof ShownMoved) || attempt >= 4) throw error;
    }
  }
  // The metadata is gone: a few tries, then storage:check is what finds the object.
  await persist(() => deleteObject(file.s3Key)).catch((error: unknown) => console.warn(`file ${file.id}: ${file.s3Key} not deleted`, error));
}

/** Raster images may show inline; everything else downloads as an attachment, never rendered. */
export function downloadUrl(file: FileMetadata, options: { expiresIn?: number; attachment?: boolean } = {}): Promise<string> {
  const { attachment = false, ...rest } = options;
  const image = isRasterImage(file.mimeType);
  // A download the person asked for is saved under the file's name, an image too (attachment
  // with its RFC 5987 name), rather than opening the storage URL in the browser.
  return presignGet(file.s3Key, { filename: file.displayName, inline: image && !attachment, contentType: image ? file.mimeType : "application/octet-stream", ...rest });
}
