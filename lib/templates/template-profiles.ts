import "server-only";
import type { AuditContext } from "@/lib/db/audit";
import { createProfile, type NewProfile, type Profile } from "@/lib/db/profiles";
import { ValidationError } from "@/lib/errors";
import { initialFields } from "./checklist-core";
import { getTemplate } from "./service";

// Creating a profile from a template, apart from lib/templates/checklist.ts and its page guard,
// so that tools outside a request (the bench's seeding) can use the app's own path.

const NO_TEMPLATE = "This template does not exist.";

/** The document id in a template version's key (`…/template-{documentId}.json`). */
const documentIdOf = (s3Key: string) => /template-([^/]+)\.json$/.exec(s3Key)?.[1] ?? s3Key;

/** A new profile from an active template of the profile's type: its fields start empty, its checklist open. */
export async function createProfileFromTemplate(ownerId: string, input: Omit<NewProfile, "from">, templateId: string, ctx: AuditContext): Promise<Profile> {
  const read = await getTemplate(templateId);
  if (!read || read.metadata.status !== "active") throw new ValidationError(NO_TEMPLATE, { templateId: [NO_TEMPLATE] });
  if (!read.ok) throw new ValidationError("This template cannot be used: its document is damaged.", { templateId: ["This template cannot be used right now."] });
  if (read.template.profileType !== input.type) {
    throw new ValidationError("This template is for another kind of profile.", { templateId: ["This template is for another kind of profile."] });
  }
  const customFields = { ...initialFields(read.template), ...input.customFields } as NewProfile["customFields"];
  return createProfile(
    ownerId,
    { ...input, customFields, from: { templateId, version: read.metadata.version, documentId: documentIdOf(read.metadata.s3Key), template: read.template } },
    ctx,
  );
}

