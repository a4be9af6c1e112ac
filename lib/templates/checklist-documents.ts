import "server-only";
import { checklistUpdateItem, getChecklistHolder } from "@/lib/db/checklist";
import type { FileMetadata } from "@/lib/db/files";
import { getProfile, type Profile } from "@/lib/db/profiles";
import type { TransactItem } from "@/lib/db/transact";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { Template } from "./schema";
import { getTemplate } from "./service";

// What the upload flow needs of a checklist (lib/uploads/service.ts), apart from
// lib/templates/checklist.ts so that the uploads service does not pull in the page guard.

/** The template a profile was made from, as it is now (archived ones still count), or null if it cannot be read. */
export async function templateOf(profile: Pick<Profile, "templateId">): Promise<(Template & { id: string; version: number }) | null> {
  if (!profile.templateId) return null;
  const read = await getTemplate(profile.templateId);
  return read?.ok ? { ...read.template, id: read.metadata.id, version: read.metadata.version } : null;
}

/**
 * For a document completed for a template-based profile's checklist: the Update of that
 * profile's checklist that goes into the ready mark's transaction (built again on each attempt).
 */
export async function documentChecklistItem(file: FileMetadata, now: Date): Promise<TransactItem | undefined> {
  if (file.purpose !== "document" || !file.profileId || !file.documentKind) return undefined;
  const holder = await getChecklistHolder(file.profileId);
  if (!holder || holder.userId !== file.uploadedBy) throw new NotFoundError("This profile no longer exists.");
  const template = await templateOf(holder);
  if (!template) return undefined;
  const documents = { ...(holder.checklistDocuments ?? {}), [file.documentKind]: { fileId: file.id, at: now.toISOString() } };
  return checklistUpdateItem(holder, template, { documents }, now).item;
}

/**
 * For a deleted document that a template-based profile's checklist counts: the Update that
 * reopens its item, for the delete's own transaction. Undefined when the checklist names
 * another file for that kind (a newer upload) or the profile or template is gone.
 */
export async function removedDocumentChecklistItem(file: FileMetadata, now: Date): Promise<TransactItem | undefined> {
  if (file.purpose !== "document" || !file.profileId || !file.documentKind) return undefined;
  const holder = await getChecklistHolder(file.profileId);
  if (!holder || holder.checklistDocuments?.[file.documentKind]?.fileId !== file.id) return undefined;
  const template = await templateOf(holder);
  if (!template) return undefined;
  const documents = Object.fromEntries(Object.entries(holder.checklistDocuments ?? {}).filter(([kind]) => kind !== file.documentKind));
  return checklistUpdateItem(holder, template, { documents }, now).item;
}

/** Checks, at upload start, that a document kind is one the profile's checklist asks for. */
export async function assertChecklistDocument(ownerId: string, profileId: string | undefined, documentKind: string): Promise<void> {
  const profile = profileId ? await getProfile(profileId, { consistent: true }) : null;
  if (!profile || profile.userId !== ownerId) throw new NotFoundError("This profile does not exist.");
  const template = await templateOf(profile);
  if (!template?.checklist.some((item) => item.kind === "document" && item.documentKind === documentKind)) {
    throw new ValidationError("This profile's checklist asks for no such document.", { documentKind: ["This profile's checklist asks for no such document."] });
  }
}

