import "server-only";
import { randomUUID } from "node:crypto";
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand } from "@aws-sdk/client-s3";
import { diff } from "@/lib/audit/diff";
import { type AuditContext } from "@/lib/db/audit";
import {
  archiveTemplateRecord,
  getTemplateMetadata,
  getTemplatesMetadata,
  insertTemplate,
  listTemplateMetadata,
  replaceTemplate,
  STALE_TEMPLATE,
  type TemplateMetadata,
  type TemplateQuery,
} from "@/lib/db/templates";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { bucket, s3 } from "@/lib/s3/client";
import { templateDocumentKey } from "@/lib/s3/keys";
import { documentBytes, problemsByPath, readTemplateText, sizeProblem } from "./json-text";
import { type Template, templateProblems, templateSchema } from "./schema";

// Templates end to end: the document in S3, the metadata and its audit entry in DynamoDB.
//
// Consistency: every version of a document goes to a key of its own (templateDocumentKey, a
// fresh id each write) BEFORE the transaction that makes the metadata name it. So
// - the metadata never names a missing or half-written object (the object exists first);
// - a refused transaction (a version conflict, an outage) changes nothing anyone reads: its
//   object is named by no item, and is deleted at once;
// - two racing updates never overwrite each other's bytes: each has its own key, the loser's
//   condition fails and its object goes;
// - the replaced document is deleted only after the new metadata committed. A reader holding
//   the old item may then find its object gone; getTemplate reads the item again (consistently)
//   once and follows the new key.
// The spec's single `template.json` would need the object written after the transaction (a
// window where the item describes a document not yet there) or before it (a refused update
// would have replaced what readers see): docs/architecture.md §4.

const INVALID = "This template has problems. Correct the highlighted fields.";

export type TemplateRead =
  | { ok: true; metadata: TemplateMetadata; template: Template }
  /** The metadata exists but its document is missing or no longer a valid template: reported, never rendered. */
  | { ok: false; metadata: TemplateMetadata; problem: string };

/** A template document through the one schema, or a ValidationError keyed by dotted path. */
export function parseTemplate(input: unknown): Template {
  const tooLarge = sizeProblem(documentBytes(input));
  if (tooLarge) throw new ValidationError(tooLarge, { form: [tooLarge] });
  const parsed = templateSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(INVALID, templateProblems(input));
  return parsed.data;
}

const NOT_JSON = "This is not valid JSON.";

/**
 * A template as the raw editor sends it, its JSON text: refused when too large, with a syntax
 * error's line:column, or with each schema problem by path and the line:column of its value.
 */
export function parseTemplateText(text: string): Template {
  const read = readTemplateText(text);
  if (!read.ok) {
    const syntax = read.problems.every((p) => p.path === "" && p.at);
    throw new ValidationError(syntax ? NOT_JSON : read.problems.length === 1 && !read.problems[0]!.at ? read.problems[0]!.message : INVALID, problemsByPath(read.problems));
  }
  return parseTemplate(read.value);
}

/** What the actions receive: the form's document, or the raw editor's text. */
export function templateFromInput(input: { template?: unknown; json?: string }): Template {
  return input.json !== undefined ? parseTemplateText(input.json) : parseTemplate(input.template);
}

async function putDocument(templateId: string, template: Template): Promise<string> {
  const key = templateDocumentKey(templateId, randomUUID());
  await s3().send(
    new PutObjectCommand({ Bucket: bucket(), Key: key, Body: JSON.stringify(template, null, 2), ContentType: "application/json", CacheControl: "no-cache" }),
  );
  return key;
}

/**
 * Best effort: an object left behind is named by no item, so no reader ever meets it, and
 * storage:check (lib/storage/storage-check.ts) reports and removes it.
 */
async function deleteDocument(key: string): Promise<void> {
  await s3()
    .send(new DeleteObjectCommand({ Bucket: bucket(), Key: key }))
    .catch((error: unknown) => console.warn(`template document ${key} not deleted`, error));
}

/** The metadata a document implies, besides the fields only the repository knows. */
function summary(template: Template) {
  return {
    title: template.title,
    ...(template.description ? { description: template.description } : {}),
    profileType: template.profileType,
    fieldCount: template.fields.length,
    checklistCount: template.checklist.length,
  };
}

/** Writes the document, then the metadata that names it; if the metadata is refused, the document goes. */
async function withDocument<T>(templateId: string, template: Template, commit: (s3Key: string) => Promise<T>): Promise<T> {
  const s3Key = await putDocument(templateId, template);
  try {
    return await commit(s3Key);
  } catch (error) {
    await deleteDocument(s3Key);
    throw error;
  }
}

export async function createTemplate(input: unknown, ctx: AuditContext, options: { id?: string } = {}): Promise<TemplateMetadata> {
  const template = parseTemplate(input);
  const id = options.id ?? randomUUID();
  return withDocument(id, template, async (s3Key) => {
    const now = new Date().toISOString();
    const metadata: TemplateMetadata = { id, ...summary(template), status: "active", s3Key, createdAt: now, updatedAt: now, createdBy: ctx.actorId, version: 1 };
    await insertTemplate(metadata, ctx);
    return metadata;
  });
}

export async function updateTemplate(id: string, expectedVersion: number, input: unknown, ctx: AuditContext): Promise<TemplateMetadata> {
  const template = parseTemplate(input);
  const current = await readTemplate(id, { consistent: true });
  if (!current) throw new NotFoundError("This template does not exist.");
  if (current.metadata.version !== expectedVersion || current.metadata.status !== "active") throw new ConflictError(STALE_TEMPLATE, undefined, current.metadata);
  // A corrupt current document counts as empty: the update is how it gets repaired.
  const before = current.ok ? current.template : {};
  const changeSet = diff(before as Record<string, unknown>, template as Record<string, unknown>);
  if (!changeSet.affectedFields.length && current.ok) return current.metadata;
  const next = await withDocument(id, template, async (s3Key) => {
    const { createdAt, createdBy, status, thumbnailKey } = current.metadata;
    const metadata: TemplateMetadata = {
      id, ...summary(template), status, s3Key, ...(thumbnailKey ? { thumbnailKey } : {}), createdAt, createdBy, updatedAt: new Date().toISOString(), version: expectedVersion + 1,
    };
    await replaceTemplate(metadata, expectedVersion, changeSet, ctx);
    return metadata;
  });
  await deleteDocument(current.metadata.s3Key);
  return next;
}

export const archiveTemplate = archiveTemplateRecord;

async function readDocument(key: string): Promise<unknown> {
  const out = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
  return JSON.parse((await out.Body?.transformToString("utf8")) ?? "");
}

async function readTemplate(id: string, options: { consistent?: boolean } = {}): Promise<TemplateRead | null> {
  const metadata = await getTemplateMetadata(id, options);
  if (!metadata) return null;
  let document: unknown;
  try {
    document = await readDocument(metadata.s3Key);
  } catch (error) {
    if (error instanceof NoSuchKey && !options.consistent) return readTemplate(id, { consistent: true });
    if (error instanceof NoSuchKey) return { ok: false, metadata, problem: "The template's document is missing." };
    if (error instanceof SyntaxError) return { ok: false, metadata, problem: "The template's document is not valid JSON." };
    throw error;
  }
  const parsed = templateSchema.safeParse(document);
  return parsed.success ? { ok: true, metadata, template: parsed.data } : { ok: false, metadata, problem: "The template's document is not a valid template." };
}

/**
 * The readable templates among `ids`, each read once: one BatchGetItem for the metadata, then
 * the documents from S3 in parallel. Missing or unreadable ones are absent.
 */
export async function getTemplates(ids: readonly string[]): Promise<Map<string, Template & { id: string; title: string }>> {
  const metadata = await getTemplatesMetadata(ids);
  const read = await Promise.all(
    [...metadata.values()].map(async (m) => {
      const document = await readDocument(m.s3Key).catch(() => null);
      const parsed = templateSchema.safeParse(document);
      return parsed.success ? ([m.id, { ...parsed.data, id: m.id }] as const) : null;
    }),
  );
  return new Map(read.filter((entry) => entry !== null));
}

/** A template's metadata and its document, checked by the schema on the way in. */
export function getTemplate(id: string): Promise<TemplateRead | null> {
  return readTemplate(id);
}

export function listTemplates(query: TemplateQuery) {
  return listTemplateMetadata(query);
}
