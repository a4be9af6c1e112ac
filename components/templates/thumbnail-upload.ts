// A template thumbnail in the browser: the chosen image drawn into a small JPEG (so the upload
// is small and always the type the server stores), then the upload flow every file takes: a
// presigned PUT of exactly that type and size, and a completion that checks the object.
import { putObject } from "@/components/files/put-object";
import { completeThumbnailUploadAction, startThumbnailUploadAction } from "@/lib/actions/templates/template-actions";
import { THUMBNAIL, thumbnailProblem } from "@/lib/templates/thumbnail-policy";
import { ActionError, callAction } from "@/lib/types/action-result";

/** The chosen image as a JPEG that fits THUMBNAIL's box; a readable reason when it cannot be. */
export async function encodeThumbnail(file: File): Promise<File> {
  const problem = thumbnailProblem(file, "source");
  if (problem) throw new Error(problem);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new Error("This file could not be read as an image.");
  }
  const scale = Math.min(1, THUMBNAIL.width / bitmap.width, THUMBNAIL.height / bitmap.height);
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const context = canvas.getContext("2d");
  if (!context) throw new Error("This browser cannot draw images.");
  // JPEG has no transparency: transparent pixels would turn black.
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, THUMBNAIL.mimeType, 0.85));
  if (blob?.type !== THUMBNAIL.mimeType) throw new Error("This browser cannot encode images.");
  const encoded = new File([blob], "thumbnail.jpg", { type: THUMBNAIL.mimeType });
  const tooLarge = thumbnailProblem(encoded, "stored");
  if (tooLarge) throw new Error(tooLarge);
  return encoded;
}

/** Uploads and completes a thumbnail for the template at `version`; answers the new metadata's version. */
export async function uploadThumbnail(templateId: string, version: number, file: File): Promise<{ version: number }> {
  const started = await callAction(() => startThumbnailUploadAction({ id: templateId, size: file.size }));
  const put = await putObject({ url: started.uploadUrl, file, onProgress: () => {} });
  if (!put.ok) throw new ActionError({ error: put.aborted ? "The upload was cancelled." : put.error });
  const done = await callAction(() => completeThumbnailUploadAction({ id: templateId, version, thumbnailId: started.thumbnailId }));
  return { version: done.version };
}
