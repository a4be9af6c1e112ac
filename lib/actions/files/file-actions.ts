"use server";
import { revalidatePath } from "next/cache";
import { fileSubject, userSubject } from "@/lib/auth/subjects";
import { updateFile } from "@/lib/db/files";
import { listFileViews } from "@/lib/uploads/file-list";
import { AppError } from "@/lib/errors";
import { cancelUpload, completeUpload, deleteFile, downloadUrl, startUpload } from "@/lib/uploads/service";
import { cancelUploadSchema, fileIdSchema, listFilesSchema, startUploadSchema, updateFileSchema } from "@/lib/validation/files";
import { action } from "../safe-action";

function revalidateFiles(ownerId: string) {
  revalidatePath("/files");
  revalidatePath(`/admin/users/${ownerId}`, "layout");
  revalidatePath("/profiles", "layout");
}

export const startUploadAction = action(startUploadSchema, async ({ ownerId, ...request }, { user, audit }) => {
  const owner = await userSubject(user, ownerId ?? user.id, "files.manage");
  return startUpload(owner, request, audit);
});

export const completeUploadAction = action(fileIdSchema, async ({ id }, { user, audit }) => {
  const { file } = await fileSubject(user, id, { pending: true });
  const result = await completeUpload(file, audit);
  if (!result.ok) throw new AppError(result.reason);
  revalidateFiles(file.uploadedBy);
  return result.file;
});

export const cancelUploadAction = action(cancelUploadSchema, async ({ id, reason }, { user, audit }) => {
  const { file } = await fileSubject(user, id, { pending: true });
  await cancelUpload(file, reason, audit);
  return { cancelled: true };
});

export const listFilesAction = action(listFilesSchema, async ({ ownerId, ...query }, { user }) => {
  const owner = await userSubject(user, ownerId ?? user.id, "files.manage");
  return listFileViews(owner.id, query);
});

export const updateFileAction = action(updateFileSchema, async ({ id, version, ...patch }, { user, audit }) => {
  const { file } = await fileSubject(user, id);
  const updated = await updateFile(id, version, patch, audit);
  revalidateFiles(file.uploadedBy);
  return updated;
});

export const deleteFileAction = action(fileIdSchema, async ({ id }, { user, audit }) => {
  const { file } = await fileSubject(user, id);
  await deleteFile(file, audit);
  revalidateFiles(file.uploadedBy);
  return { deleted: true };
});

/** A short-lived download link, served as an attachment under the file's name. */
export const downloadUrlAction = action(fileIdSchema, async ({ id }, { user }) => {
  const { file } = await fileSubject(user, id);
  return { url: await downloadUrl(file, { attachment: true }), name: file.displayName };
});
