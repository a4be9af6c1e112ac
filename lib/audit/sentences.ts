// Turns an audit entry into the sentence people read ("Jane Smith changed John Doe's Work
// Profile") from its catalogue template. Pure text: the UI renders it as text, never markup.
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

function userName(names: Names, id: string | undefined): string {
  if (!id) return "someone";
  return names.user(id) ?? SYSTEM_ACTORS[id] ?? "a deleted user";
}

function text(value: unknown): string {
  if (value === null || value === undefined || value === "") return "nothing";
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function auditSentence(entry: SentenceInput, names: Names): string {
  const template = isAuditAction(entry.action) ? AUDIT_CATALOGUE[entry.action].sentence : `{actor} did ${entry.action}`;
  const self = entry.targetUserId !== undefined && entry.targetUserId === entry.userId;
  const target = userName(names, entry.targetUserId);
  const profileId = typeof entry.details.profileId === "string" ? entry.details.profileId : undefined;
  const profile = profileId ? (names.profile(profileId) ?? "deleted profile") : "a profile";
  const sentence = template.replace(/\{([a-zA-Z.:]+)\}/g, (_match, token: string) => {
    if (token === "actor") return userName(names, entry.userId);
    if (token === "target") return self ? "themselves" : target;
    if (token === "target:possessive") return self ? "their" : `${target}'s`;
    if (token === "target:account") return self ? "their own account" : `${target}'s account`;
    if (token === "target:role") return self ? "their own role" : `${target}'s role`;
    if (token === "target:profile") return self ? "their profile" : `${target}'s profile`;
    if (token === "profile") return profile;
    if (token.startsWith("details.")) return text(entry.details[token.slice("details.".length)]);
    return token;
  });
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
