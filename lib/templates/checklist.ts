import "server-only";
import { profileSubject } from "@/lib/auth/subjects";
import type { AuditContext } from "@/lib/db/audit";
import { acknowledgeItem } from "@/lib/db/checklist";
import { type Profile, type ProfilePatch, updateProfile } from "@/lib/db/profiles";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { User } from "@/lib/validation/users";
import { evaluateChecklist, type FieldHint, fieldHints, isOverdue } from "./checklist-core";
import type { ChecklistView } from "./checklist-view";
import type { Template } from "./schema";
import { templateOf } from "./checklist-documents";
import { createProfileFromTemplate } from "./template-profiles";

export { createProfileFromTemplate, templateOf };

// Template-based profiles (issue #14 parts 3, 4, 6): creating one from a template, saving it with
// its progress, a document or an acknowledgement moving its checklist, and the ChecklistView
// the checklist panel, the home page and the PDF export render.

/** Saves a profile; a template-based one's progress moves in the same transaction. */
export async function saveProfile(profile: Profile, expectedVersion: number, patch: ProfilePatch, ctx: AuditContext): Promise<Profile> {
  return updateProfile(profile.id, expectedVersion, patch, ctx, await templateOf(profile));
}

function viewOf(profile: Profile, owner: { id: string; name: string }, template: Template & { id: string }, now: Date): ChecklistView {
  const evaluated = evaluateChecklist(
    template,
    { customFields: profile.customFields, documents: profile.checklistDocuments ?? {}, acks: profile.checklistAcks ?? {}, doneAt: profile.checklistDoneAt ?? {} },
    profile.createdAt,
    now,
  );
  const items = evaluated.items.map((state, i) => {
    const item = template.checklist[i]!;
    return {
      ...state,
      ...(item.kind === "acknowledgement" ? { statement: item.statement } : item.kind === "document" ? { documentKind: item.documentKind } : { fieldKey: item.fieldKey }),
    };
  });
  return {
    userId: owner.id,
    userName: owner.name,
    profileId: profile.id,
    profileName: profile.name,
    templateId: template.id,
    templateTitle: template.title,
    items,
    done: evaluated.progress.done,
    total: evaluated.progress.total,
    ...(evaluated.progress.dueAt ? { dueAt: evaluated.progress.dueAt } : {}),
    overdue: isOverdue(evaluated.progress, now),
  };
}

/**
 * The checklist of profile `profileId` as `actor` may see it (the guard decides: someone else's
 * profile is NotFoundError), or null when the profile was not made from a readable template.
 * What the checklist panel, the home page and the PDF export render.
 */
export async function buildChecklistView(actor: User, profileId: string, now: Date = new Date()): Promise<ChecklistView | null> {
  const { profile, owner } = await profileSubject(actor, profileId);
  const template = await templateOf(profile);
  return template ? viewOf(profile, owner, template, now) : null;
}

/** The same for a profile and owner already loaded through the guard (pages). */
export async function checklistViewOf(profile: Profile, owner: { id: string; name: string }, now: Date = new Date()): Promise<{ view: ChecklistView; hints: FieldHint[] } | null> {
  const template = await templateOf(profile);
  return template ? { view: viewOf(profile, owner, template, now), hints: fieldHints(template) } : null;
}

/** "I acknowledge": the guard first (actor may manage the owner's profiles), then the conditional write with its audit entry. */
export async function acknowledgeChecklistItem(actor: User, profileId: string, itemId: string, ctx: AuditContext) {
  const { profile, owner } = await profileSubject(actor, profileId);
  // A statement is the owner's own word: an admin may see it, not give it for them.
  if (owner.id !== actor.id) throw new ForbiddenError("Only the profile's owner can acknowledge its statements.");
  const template = await templateOf(profile);
  if (!template) throw new NotFoundError("This profile has no checklist.");
  return acknowledgeItem(profile.id, template, itemId, { id: actor.id, name: actor.name }, ctx);
}
