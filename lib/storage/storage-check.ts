import "server-only";
import { DeleteObjectCommand } from "@aws-sdk/client-s3";
import { auditPut, SYSTEM_ACTOR } from "@/lib/db/audit";
import { table } from "@/lib/db/client";
import { scanTable } from "@/lib/db/scan-table";
import { transact } from "@/lib/db/transact";
import { bucket, s3 } from "@/lib/s3/client";
import { finalUploadKey, isTempUploadKey, PUBLIC_SAMPLE_TEMPLATE_KEY, type UploadKeyFields } from "@/lib/s3/keys";
import { listObjects } from "@/lib/s3/list-objects";
import { UPLOAD_URL_SECONDS } from "@/lib/s3/presign";

// `npm run storage:check`: does every object in the bucket have its metadata, and every ready
// file its object? The stream handler (file-stream.ts) keeps them in step as things happen; this
// is the audit of the result, and the repair (`--fix`) for whatever escaped it (a handler that
// was down, an object written by a presigned URL used again after its upload completed). It
// reads the whole files table and bucket, so it is an operator's tool, never a request path.

/** A temp object younger than this may belong to an upload still in flight. */
const TEMP_GRACE_MS = (UPLOAD_URL_SECONDS + 15 * 60) * 1000;
/**
 * A template document or thumbnail younger than this may be one whose metadata is still being
 * committed (lib/templates/service.ts writes the object first), so it is not called an orphan.
 */
const TEMPLATE_GRACE_MS = 15 * 60 * 1000;
const TEMPLATES_PREFIX = "templates/shared/";

interface TemplateRow {
  id: string;
  s3Key: string;
  thumbnailKey?: string;
}

interface FileRow extends UploadKeyFields {
  s3Key: string;
  status: "pending" | "ready";
  displayName?: string;
  version: number;
}

export interface StorageReport {
  objects: number;
  files: number;
  /** Objects outside the temp prefix that no file item names. */
  orphanObjects: string[];
  /** Temp objects past their upload window with no pending upload behind them. */
  staleTempObjects: string[];
  /** Ready files whose object is gone. */
  missingObjects: Array<{ fileId: string; s3Key: string }>;
  /** Objects under templates/shared/ that no template item names (an old document or thumbnail whose delete failed). */
  orphanTemplateObjects: string[];
  /** Templates whose document or thumbnail is gone: reported, never removed (re-saving or a new thumbnail repairs them). */
  missingTemplateObjects: Array<{ templateId: string; s3Key: string }>;
}

const allFiles = async () =>
  (await scanTable("files", {
    projection: "id, s3Key, #status, uploadedBy, originalName, displayName, purpose, profileId, mimeType, createdAt, version",
    names: { "#status": "status" },
  })) as unknown as FileRow[];

export interface CheckOptions {
  /** The time temp objects are judged stale against. */
  now?: number;
  /** Only these users' objects and files (a test's own data on a shared stack); default all. */
  userIds?: ReadonlySet<string>;
  /**
   * Only these templates' objects and items; default all, or none when `userIds` limits the run
   * (a scoped run never judges other tests' templates).
   */
  templateIds?: ReadonlySet<string>;
}

const allTemplates = async () => (await scanTable("templates", { projection: "id, s3Key, thumbnailKey" })) as unknown as TemplateRow[];

/** The templates part of the check: the templates table's s3Key and thumbnailKey name objects under templates/shared/. */
async function checkTemplates(now: number, templateIds: ReadonlySet<string> | undefined) {
  if (templateIds && templateIds.size === 0) return { objects: 0, orphanTemplateObjects: [], missingTemplateObjects: [] };
  const [everyTemplate, objects] = await Promise.all([
    allTemplates(),
    templateIds ? Promise.all([...templateIds].map((id) => listObjects(`${TEMPLATES_PREFIX}${id}/`))).then((lists) => lists.flat()) : listObjects(TEMPLATES_PREFIX),
  ]);
  const rows = templateIds ? everyTemplate.filter((t) => templateIds.has(t.id)) : everyTemplate;
  const named = new Set([PUBLIC_SAMPLE_TEMPLATE_KEY, ...rows.flatMap((t) => (t.thumbnailKey ? [t.s3Key, t.thumbnailKey] : [t.s3Key]))]);
  const present = new Set(objects.map((o) => o.key));
  return {
    objects: objects.length,
    orphanTemplateObjects: objects.filter((o) => !named.has(o.key) && now - o.modified > TEMPLATE_GRACE_MS).map((o) => o.key),
    missingTemplateObjects: rows.flatMap((t) => [t.s3Key, ...(t.thumbnailKey ? [t.thumbnailKey] : [])].filter((key) => !present.has(key)).map((s3Key) => ({ templateId: t.id, s3Key }))),
  };
}

async function objectsOf(userIds: ReadonlySet<string> | undefined) {
  if (!userIds) return listObjects("users/");
  const objects = [];
  for (const id of userIds) objects.push(...(await listObjects(`users/${id}/`)));
  return objects;
}

export async function checkStorage({ now = Date.now(), userIds, templateIds }: CheckOptions = {}): Promise<StorageReport & { fileRows: FileRow[] }> {
  const [everyFile, objects, templates] = await Promise.all([allFiles(), objectsOf(userIds), checkTemplates(now, templateIds ?? (userIds ? new Set() : undefined))]);
  const fileRows = userIds ? everyFile.filter((f) => userIds.has(f.uploadedBy)) : everyFile;
  const pending = fileRows.filter((f) => f.status === "pending");
  const pendingKeys = new Set(pending.map((f) => f.s3Key));
  // A pending upload's final key may hold a copy its completion is about to mark ready, or
  // could not take back; the stream handler removes it with the pending item (file-stream.ts).
  const named = new Set([...fileRows.map((f) => f.s3Key), ...pending.map(finalUploadKey)]);
  const present = new Set(objects.map((o) => o.key));
  return {
    objects: objects.length + templates.objects,
    files: fileRows.length,
    orphanObjects: objects.filter((o) => !isTempUploadKey(o.key) && !named.has(o.key)).map((o) => o.key),
    staleTempObjects: objects.filter((o) => isTempUploadKey(o.key) && !pendingKeys.has(o.key) && now - o.modified > TEMP_GRACE_MS).map((o) => o.key),
    missingObjects: fileRows.filter((f) => f.status === "ready" && !present.has(f.s3Key)).map((f) => ({ fileId: f.id, s3Key: f.s3Key })),
    orphanTemplateObjects: templates.orphanTemplateObjects,
    missingTemplateObjects: templates.missingTemplateObjects,
    fileRows,
  };
}

class ChangedMeanwhile extends Error {}

export interface Repairs {
  objectsDeleted: number;
  filesRemoved: number;
}

/**
 * Deletes orphan and stale temp objects (template objects no item names included), and removes ready file items whose object is gone
 * (with a `file.lost` entry in the same transaction, conditioned on the version read so a file
 * changed meanwhile is left for the next run).
 */
export async function repairStorage(report: Awaited<ReturnType<typeof checkStorage>>): Promise<Repairs> {
  let objectsDeleted = 0;
  for (const key of [...report.orphanObjects, ...report.staleTempObjects, ...report.orphanTemplateObjects]) {
    await s3().send(new DeleteObjectCommand({ Bucket: bucket(), Key: key }));
    objectsDeleted++;
  }
  let filesRemoved = 0;
  const byId = new Map(report.fileRows.map((f) => [f.id, f]));
  for (const missing of report.missingObjects) {
    const file = byId.get(missing.fileId)!;
    try {
      await transact(
        [
          { Delete: { TableName: table("files"), Key: { id: file.id }, ConditionExpression: "version = :v", ExpressionAttributeValues: { ":v": file.version } } },
          auditPut({ actorId: SYSTEM_ACTOR }, { action: "file.lost", targetUserId: file.uploadedBy, details: { fileId: file.id, name: file.displayName ?? file.originalName, purpose: file.purpose, s3Key: file.s3Key } }),
        ],
        () => new ChangedMeanwhile(),
      );
      filesRemoved++;
    } catch (error) {
      // Changed or removed since the check: the next run looks again. Anything else (an
      // outage) stops the repair and is reported.
      if (!(error instanceof ChangedMeanwhile)) throw error;
    }
  }
  return { objectsDeleted, filesRemoved };
}

/** For the report's callers that print it. */
export function describeStorage(report: StorageReport): string[] {
  return [
    `${report.objects} objects, ${report.files} file items`,
    `${report.orphanObjects.length} objects without metadata`,
    `${report.staleTempObjects.length} stale temp objects (no upload in flight)`,
    `${report.missingObjects.length} ready files without their object`,
    `${report.orphanTemplateObjects.length} template objects no template names`,
    `${report.missingTemplateObjects.length} template documents or thumbnails missing (not repaired: save the template again)`,
  ];
}

export const isClean = (report: StorageReport) =>
  !report.orphanObjects.length && !report.staleTempObjects.length && !report.missingObjects.length && !report.orphanTemplateObjects.length && !report.missingTemplateObjects.length;
