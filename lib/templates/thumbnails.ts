import "server-only";
import { randomUUID } from "node:crypto";
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand } from "@aws-sdk/client-s3";
import type { AuditContext } from "@/lib/db/audit";
import { getTemplateMetadata, setTemplateThumbnail, STALE_TEMPLATE, type TemplateMetadata } from "@/lib/db/templates";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { bucket, s3 } from "@/lib/s3/client";
import { templateThumbnailKey, templateThumbnailTempKey } from "@/lib/s3/keys";
import { presignGet, presignPut, UPLOAD_URL_SECONDS } from "@/lib/s3/presign";
import { bytesMatchType } from "@/lib/uploads/sniff";
import { THUMBNAIL, thumbnailProblem } from "./thumbnail-policy";

// A template's thumbnail goes the way of every upload (lib/uploads/service.ts): a presigned PUT
// of exactly the announced type and size to a temp key of the uploader's, then a completion that
// checks the object itself (size, type, first bytes), copies it to a key of its own
// (templateThumbnailKey) and names it on the metadata with its `template.updated` entry in one
// transaction. A refused completion deletes its copy; the replaced image is deleted after the
// commit. What a failed delete leaves is what storage:check reports and removes.

const MISSING = "This template does not exist.";

const deleteObject = (key: string) => s3().send(new DeleteObjectCommand({ Bucket: bucket(), Key: key }));
const tidy = (key: string) => deleteObject(key).catch((error: unknown) => console.warn(`template thumbnail ${key} not deleted`, error));

async function activeTemplate(id: string, expectedVersion?: number): Promise<TemplateMetadata> {
  const current = await getTemplateMetadata(id, { consistent: true });
  if (!current) throw new NotFoundError(MISSING);
  if (current.status !== "active" || (expectedVersion !== undefined && current.version !== expectedVersion)) throw new ConflictError(STALE_TEMPLATE, undefined, current);
  return current;
}

/** A presigned PUT for a thumbnail of `size` bytes (a JPEG) for an active template. */
export async function startThumbnailUpload(uploaderId: string, templateId: string, size: number) {
  const problem = thumbnailProblem({ type: THUMBNAIL.mimeType, size }, "stored");
  if (problem) throw new ValidationError(problem, { thumbnail: [problem] });
  await activeTemplate(templateId);
  const thumbnailId = randomUUID();
  const uploadUrl = await presignPut(templateThumbnailTempKey(uploaderId, thumbnailId), THUMBNAIL.mimeType, size);
  return { thumbnailId, uploadUrl, expiresAt: new Date(Date.now() + UPLOAD_URL_SECONDS * 1000).toISOString() };
}

/** Why the uploaded object is not a thumbnail, or null. */
async function objectProblem(key: string): Promise<string | null> {
  let head;
  try {
    head = await s3().send(new HeadObjectCommand({ Bucket: bucket(), Key: key }));
  } catch (error) {
    if ((error as { name?: string }).name === "NotFound" || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) {
      return "The image never arrived. Try uploading it again.";
    }
    throw error;
  }
  const problem = thumbnailProblem({ type: (head.ContentType ?? "").split(";")[0]!.trim(), size: head.ContentLength ?? 0 }, "stored");
  if (problem) return problem;
  const out = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: key, Range: "bytes=0-4095" }));
  const bytes = out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
  return bytesMatchType(bytes, THUMBNAIL.mimeType) ? null : "The file's content is not a real JPEG image.";
}

/**
 * Makes the uploaded image the thumbnail of the template at `expectedVersion`. Only the
 * uploader's own temp object can be named (its key is built from their id here).
 */
export async function completeThumbnailUpload(uploaderId: string, templateId: string, expectedVersion: number, thumbnailId: string, ctx: AuditContext): Promise<TemplateMetadata> {
  const temp = templateThumbnailTempKey(uploaderId, thumbnailId);
  const problem = await objectProblem(temp);
  if (problem) {
    await tidy(temp);
    throw new ValidationError(problem, { thumbnail: [problem] });
  }
  let current: TemplateMetadata;
  try {
    current = await activeTemplate(templateId, expectedVersion);
  } catch (error) {
    await tidy(temp);
    throw error;
  }
  const target = templateThumbnailKey(templateId, thumbnailId);
  let next: TemplateMetadata;
  try {
    await s3().send(
      new CopyObjectCommand({
        Bucket: bucket(),
        Key: target,
        CopySource: `${bucket()}/${temp}`,
        ContentType: THUMBNAIL.mimeType,
        MetadataDirective: "REPLACE",
        // Not temporary any more: drop the tag the lifecycle rule expires.
        TaggingDirective: "REPLACE",
      }),
    );
    const previous = current.thumbnailKey ?? null;
    next = await setTemplateThumbnail(current, target, { changes: { thumbnail: { from: previous ? thumbnailIdOf(previous) : null, to: thumbnailId } }, affectedFields: ["thumbnail"] }, ctx);
  } catch (error) {
    await tidy(target);
    await tidy(temp);
    throw error;
  }
  await tidy(temp);
  if (current.thumbnailKey && current.thumbnailKey !== target) await tidy(current.thumbnailKey);
  return next;
}

const thumbnailIdOf = (key: string) => /thumbnail-([^/]+)\.jpg$/.exec(key)?.[1] ?? key.split("/").pop() ?? key;

/** A short-lived presigned GET of a template's thumbnail (served inline as a JPEG), or null. */
export function thumbnailUrl(template: Pick<TemplateMetadata, "thumbnailKey" | "title">): Promise<string> | null {
  if (!template.thumbnailKey) return null;
  return presignGet(template.thumbnailKey, { filename: "thumbnail.jpg", inline: true, contentType: THUMBNAIL.mimeType });
}
