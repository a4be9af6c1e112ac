import "server-only";
import { type UploadPurpose } from "@/lib/uploads/policies";

// Attributes of a stored file item that both the files repository (lib/db/files.ts) and the
// upload lifecycle (lib/db/file-uploads.ts) read and write.

/** `status` is a reserved word in DynamoDB expressions. */
export const FILE_NAMES = { "#status": "status" };

/** `expiresAtEpoch`, the TTL attribute, is in seconds. */
export const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);
export const nowEpoch = () => Math.floor(Date.now() / 1000);

/** The profile attribute that points at an avatar or background file. */
export const profileImageField = (purpose: Exclude<UploadPurpose, "document">) => (purpose === "avatar" ? "avatarFileId" : "backgroundFileId");
