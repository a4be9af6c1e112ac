// Turns an audit entry into the sentence people read ("Avery renamed the profile “Work” to
// “Office”", "Avery uploaded “cv.pdf”") from its catalogue template. Things are named, never
// shown by id: names recorded in the entry's details first (they outlive what they name),
// then the names the caller resolved in one batch. Pure text: the UI renders it as text, never
// markup, and values are inserted once (a name holding "{actor}" stays as typed).
import { AUDIT_CATALOGUE, isAuditAction } from "./catalogue";

export interface SentenceInput {
  action: string;
  userId: string;
  targetUserId?: string;
  details: Record<string, unknown>;
}

export interface Names {
  /** Display name of a user id (actor or target); null when unknown or deleted. */
  user(id: string): string | null;
  /** Name of a profile id; null when it no longer exists. */
  profile(id: string): string | null;
}

const SYSTEM_ACTORS: Record<string, string> = { system: "The system", anonymous: "Someone", "e2e-fixture": "A test fixture" };

/** Updates whose change of one field is a rename, said as such. */
const RENAMES: Record<string, { field: string; sentence: string }> = {
  "profile.updated": { field: "name", sentence: "{actor} renamed {target:possessive} profile “{renamed.from}” to “{renamed.to}”{renamed.more}" },
  "file.updated": { field: "displayName", sentence: "{actor} renamed {target:possessive} file “{renamed.from}” to “{renamed.to}”{renamed.more}" },
};

function userName(names: Names, id: string | undefined): string {
  if (!id) return "someone";
  return names.user(id) ?? SYSTEM_ACTORS[id] ?? "a deleted user";
}

function text(value: unknown): string {
  if (value === null || value === undefined || value === "") return "nothing";
  return typeof value === "string" ? value : JSON.stringify(value);
}

const str = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);

function changeOf(details: Record<string, unknown>, field: string): { from: string; to: string } | null {
  const changes = details.changes;
  if (typeof changes !== "object" || changes === null) return null;
  const change = (changes as Record<string, unknown>)[field];
  if (typeof change !== "object" || change === null) return null;
  const { from, to } = change as { from?: unknown; to?: unknown };
  return typeof from === "string" && typeof to === "string" ? { from, to } : null;
}

/** The entry's profile name: as recorded in it, else as resolved now; null when it is gone. */
export function profileNameOf(entry: SentenceInput, names: Pick<Names, "profile">): string | null {
  // Created and deleted entries record the profile's name; other entries name it by id.
  const recorded = entry.action === "profile.created" || entry.action === "profile.deleted" ? str(entry.details.name) : undefined;
  if (recorded) return recorded;
  const id = str(entry.details.profileId);
  return id ? names.profile(id) : null;
}

/** Whether the sentence needs the profile's name looked up (the entry did not record it). */
export function needsProfileLookup(entry: SentenceInput): boolean {
  return Boolean(str(entry.details.profileId)) && profileNameOf(entry, { profile: () => null }) === null;
}

function fileNameOf(entry: SentenceInput): string | null {
  return str(entry.details.name) ?? changeOf(entry.details, "displayName")?.to ?? null;
}

export function auditSentence(entry: SentenceInput, names: Names): string {
  const rename = RENAMES[entry.action];
  const renamed = rename ? changeOf(entry.details, rename.field) : null;
  const template = renamed ? rename!.sentence : isAuditAction(entry.action) ? AUDIT_CATALOGUE[entry.action].sentence : `{actor} did ${entry.action}`;
  const self = entry.targetUserId !== undefined && entry.targetUserId === entry.userId;
  const target = userName(names, entry.targetUserId);
  const profileName = profileNameOf(entry, names);
  const profile = profileName ? `profile “${profileName}”` : str(entry.details.profileId) ? "deleted profile" : "profile";
  const fileName = fileNameOf(entry);
  const otherChanges = Array.isArray(entry.details.affectedFields) ? entry.details.affectedFields.filter((f) => f !== rename?.field).length : 0;
  const sentence = template.replace(/\{([a-zA-Z.:]+)\}/g, (_match, token: string) => {
    if (token === "actor") return userName(names, entry.userId);
    if (token === "target") return self ? "themselves" : target;
    if (token === "target:possessive") return self ? "their" : `${target}'s`;
    if (token === "target:account") return self ? "their own account" : `${target}'s account`;
    if (token === "target:role") return self ? "their own role" : `${target}'s role`;
    if (token === "for:target") return self || entry.targetUserId === undefined ? "" : ` for ${target}`;
    if (token === "profile") return profile;
    if (token === "file") return fileName ? `file “${fileName}”` : "file";
    if (token === "renamed.from") return renamed?.from ?? "";
    if (token === "renamed.to") return renamed?.to ?? "";
    if (token === "renamed.more") return otherChanges ? ` and changed ${otherChanges === 1 ? "another field" : `${otherChanges} other fields`}` : "";
    if (token.startsWith("details.")) return text(entry.details[token.slice("details.".length)]);
    return token;
  });
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
