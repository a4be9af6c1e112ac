// Object keys, built on the server only and following the spec's layout. Nothing a client sends
// becomes part of a key except through `safeFileName`. Every final key holds its file's id, so
// no two files ever share an object and an upload never overwrites what another file shows.
import type { FileMetadata } from "@/lib/db/files";
import { baseName, extensionOf } from "@/lib/uploads/policies";

export function tempUploadKey(userId: string, fileId: string): string {
  return `users/${userId}/uploads/temp/${fileId}.tmp`;
}

const IMAGE_EXTENSION: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };

/** Whether a key is an upload's temporary object (tempUploadKey's shape). */
export const isTempUploadKey = (key: string) => /^users\/[^/]+\/uploads\/temp\//.test(key);

/**
 * A profile's avatar or background: the spec's `users/{userId}/profiles/{profileId}/avatar.jpg`
 * with the file's id after the kind (`avatar-{fileId}.jpg`). One key per profile would be
 * overwritten by every new image before its metadata commits, so a completion refused at that
 * point (the profile deleted meanwhile, a newer image, an outage) would leave the live image
 * replaced by one nobody accepted, and two racing uploads could leave the bytes of the loser
 * under the winner's metadata. With the id in the key the copy is taken back safely, and the
 * replaced image's object is deleted once the new one is marked ready (lib/uploads/service.ts).
 */
export function profileImageKey(userId: string, profileId: string, kind: "avatar" | "background", fileId: string, mimeType: string): string {
  return `users/${userId}/profiles/${profileId}/${kind}-${fileId}.${IMAGE_EXTENSION[mimeType] ?? "bin"}`;
}

/** A display name reduced to characters that are safe in a key and a URL (a-z, 0-9, . _ -). */
export function safeFileName(name: string): string {
  const file = baseName(name);
  const extension = extensionOf(file);
  const base = (extension ? file.slice(0, -(extension.length + 1)) : file)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 80);
  return `${base || "file"}${extension ? `.${extension}` : ""}`;
}

export function documentKey(userId: string, fileId: string, name: string, at = new Date()): string {
  const year = at.getUTCFullYear();
  const month = String(at.getUTCMonth() + 1).padStart(2, "0");
  return `users/${userId}/uploads/${year}/${month}/${fileId}-${safeFileName(name)}`;
}

export type UploadKeyFields = Pick<FileMetadata, "id" | "uploadedBy" | "purpose" | "profileId" | "mimeType" | "originalName" | "createdAt">;

/**
 * Where a completed upload's object lives. It depends only on the pending item (a document's
 * month is the upload's start), so whoever holds that item can name the object a completion
 * may have copied before failing: the completion itself, the stream handler when the pending
 * item expires, and storage:check.
 */
export function finalUploadKey(file: UploadKeyFields): string {
  if ((file.purpose !== "avatar" && file.purpose !== "background") || !file.profileId) return documentKey(file.uploadedBy, file.id, file.originalName, new Date(file.createdAt));
  return profileImageKey(file.uploadedBy, file.profileId, file.purpose, file.id, file.mimeType);
}

/**
 * A template's document: the spec's `templates/shared/{templateId}/template.json` with the
 * document's own id in the name (`template-{documentId}.json`), for the same reason as
 * profileImageKey: every version is written before the metadata that points at it commits, so
 * one fixed key would let a refused or racing update overwrite what readers are shown
 * (docs/architecture.md §4). Ids are server-made UUIDs, never client input.
 */
export function templateDocumentKey(templateId: string, documentId: string): string {
  return `templates/shared/${templateId}/template-${documentId}.json`;
}

/**
 * A template's thumbnail: the spec's `templates/shared/{templateId}/thumbnail.jpg` with the
 * image's own id (`thumbnail-{thumbnailId}.jpg`), for the reason of templateDocumentKey: the
 * image is copied to its key before the metadata naming it commits, so a refused or racing
 * change never replaces the image the list shows (docs/architecture.md §4). Always a JPEG
 * (the browser encodes it, the server checks its bytes).
 */
export function templateThumbnailKey(templateId: string, thumbnailId: string): string {
  return `templates/shared/${templateId}/thumbnail-${thumbnailId}.jpg`;
}

/** A thumbnail's upload before completion: an upload temp object of its uploader, so the lifecycle rule and storage:check treat it as one. */
export function templateThumbnailTempKey(userId: string, thumbnailId: string): string {
  return tempUploadKey(userId, `thumbnail-${thumbnailId}`);
}

/** The sample every installation starts with, readable as a plain file for people writing their own. */
export const PUBLIC_SAMPLE_TEMPLATE_KEY = "templates/shared/public/sample-template.json";

/**
 * A checklist export: the spec's `users/{userId}/exports/checklist-{date}.pdf` with the id of
 * this rendering after the date (`checklist-{date}-{objectId}.pdf`), for the reason given at
 * profileImageKey: the PDF is written before the metadata naming it commits, and a second
 * export on the same day must not overwrite the first one's bytes before (or unless) it
 * commits. The file downloads as `checklist-{date}.pdf` (lib/exports/checklist-export.ts).
 */
export function checklistExportKey(userId: string, date: string, objectId: string): string {
  return `users/${userId}/exports/checklist-${date}-${objectId}.pdf`;
}
