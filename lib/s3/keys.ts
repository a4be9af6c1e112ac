// Object keys, built on the server only and following the spec's layout exactly. Nothing a
// client sends becomes part of a key except through `safeFileName`.
import { baseName, extensionOf } from "@/lib/uploads/policies";

export function tempUploadKey(userId: string, fileId: string): string {
  return `users/${userId}/uploads/temp/${fileId}.tmp`;
}

const IMAGE_EXTENSION: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };

/** Whether a key is an upload's temporary object (tempUploadKey's shape). */
export const isTempUploadKey = (key: string) => /^users\/[^/]+\/uploads\/temp\//.test(key);

export function profileImageKey(userId: string, profileId: string, kind: "avatar" | "background", mimeType: string): string {
  return `users/${userId}/profiles/${profileId}/${kind}.${IMAGE_EXTENSION[mimeType] ?? "bin"}`;
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
