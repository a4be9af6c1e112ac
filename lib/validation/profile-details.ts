// A profile's name and type as plain functions, without zod. The profile forms check them in
// the browser with these (zod would add about 44 KB gzip to the page, a quarter of a route's
// JavaScript budget), and profiles.ts builds the server actions' zod schemas from the very same
// functions, so the browser and the server apply one set of rules with the same messages.
import { hasDeceptiveCharacters } from "./text";

export const PROFILE_TYPES = ["personal", "professional", "custom"] as const;
export type ProfileTypeInput = (typeof PROFILE_TYPES)[number];

export const PROFILE_NAME_MAX = 100;
export const PROFILE_NAME_REQUIRED = "Profile name is required.";
export const PROFILE_TYPE_REQUIRED = "Choose a type.";

/** Names are stored NFC-normalised and trimmed. */
export function normalizeProfileName(raw: string): string {
  return raw.normalize("NFC").trim();
}

/** The problem with a normalised name, if any. */
export function profileNameProblem(name: string): string | null {
  if (name.length === 0) return PROFILE_NAME_REQUIRED;
  if (name.length > PROFILE_NAME_MAX) return `Profile name must be at most ${PROFILE_NAME_MAX} characters.`;
  if (hasDeceptiveCharacters(name)) return "Profile name contains invisible or control characters.";
  return null;
}

export function isProfileType(value: unknown): value is ProfileTypeInput {
  return typeof value === "string" && (PROFILE_TYPES as readonly string[]).includes(value);
}

export interface ProfileDetails {
  name: string;
  type: ProfileTypeInput;
}

export type ProfileDetailsCheck = { ok: true; value: ProfileDetails } | { ok: false; errors: { name?: string; type?: string } };

/** Name and type as a form holds them: the normalised value, or a message per field. */
export function checkProfileDetails(input: { name?: unknown; type?: unknown }): ProfileDetailsCheck {
  const name = typeof input.name === "string" ? normalizeProfileName(input.name) : null;
  const errors: { name?: string; type?: string } = {};
  const nameProblem = name === null ? PROFILE_NAME_REQUIRED : profileNameProblem(name);
  if (nameProblem) errors.name = nameProblem;
  if (!isProfileType(input.type)) errors.type = PROFILE_TYPE_REQUIRED;
  if (name === null || !isProfileType(input.type) || nameProblem) return { ok: false, errors };
  return { ok: true, value: { name, type: input.type } };
}
