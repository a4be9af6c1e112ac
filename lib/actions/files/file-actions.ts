"use server";
import { revalidatePath } from "next/cache";
import { can } from "@/lib/auth/permissions";
import { getFile, isExpired, listFiles, updateFile } from "@/lib/db/files";
import { getUser, type User } from "@/lib/db/users";
import { AppError, NotFoundError } from "@/lib/errors";
import { cancelUpload, completeUpload, deleteFile, downloadUrl, startUpload } from "@/lib/uploads/service";
import { cancelUploadSchema, fileIdSchema, listFilesSchema, startUploadSchema, updateFileSchema } from "@/lib/validation/files";
import { action } from "../safe-action";

/** The owner of a file space, if the actor may manage its files. */
async function loadOwner(actor: User, ownerId: string): Promise<User> {
  const owner = await getUser(ownerId, { consistent: true });
  if (!owner || !can(actor, "files.manage", owner)) throw new NotFoundError("This user does not exist.");
  return owner;
}

/** A file the actor may manage; anyone else's looks exactly like a missing one. */
async function loadFile(actor: User, id: string, options: { pending?: boolean } = {}) {
  const missing = () => new NotFoundError("This file does not exist.");
  const file = await getFile(id, { consistent: true });
  if (!file || (file.status === "pending") !== Boolean(options.pending) || isExpired(file)) throw missing();
  // Not loadOwner(): its "This user does not exist." would tell that the file id is real.
  const owner = await getUser(file.uploadedBy, { consistent: true });
  if (!owner || !can(actor, "files.manage", owner)) throw missing();
  return file;
}

function revalidateFiles(ownerId: string) {
  revalidatePath("/files");
  revalidatePath(`/admin/users/${ownerId}`, "layout");
  revalidatePath("/profiles", "layout");
}

export const startUploadAction = action(startUploadSchema, async ({ ownerId, ...request }, { user, audit }) => {
  const owner = await loadOwner(user, ownerId ?? user.id);
  return startUpload(owner, request, audit);
});

export const completeUploadAction = action(fileIdSchema, async ({ id }, { user, audit }) => {
  const file = await loadFile(user, id, { pending: true });
  const result = await completeUpload(file, audit);
  if (!result.ok) throw new AppError(result.reason);
  revalidateFiles(file.uploadedBy);
  return result.file;
});

export const cancelUploadAction = action(cancelUploadSchema, async ({ id, reason }, { user, audit }) => {
  const file = await loadFile(user, id, { pending: true });
  await cancelUpload(file, reason, audit);
  return { cancelled: true };
});

export const listFilesAction = action(listFilesSchema, async ({ ownerId, ...query }, { user }) => {
  const owner = await loadOwner(user, ownerId ?? user.id);
  return listFiles(owner.id, query);
});

export const updateFileAction = action(updateFileSchema, async ({ id, version, ...patch }, { user, audit }) => {
  const file = await loadFile(user, id);
  const updated = await updateFile(id, version, patch, audit);
  revalidateFiles(file.uploadedBy);
  return updated;
});

export const deleteFileAction = action(fileIdSchema, async ({ id }, { user, audit }) => {
  const file = await loadFile(user, id);
  await deleteFile(file, audit);
  revalidateFiles(file.uploadedBy);
  return { deleted: true };
});

/** A short-lived download link (non-images as attachments). */
export const downloadUrlAction = action(fileIdSchema, async ({ id }, { user }) => {
  const file = await loadFile(user, id);
  return { url: await downloadUrl(file) };
});
