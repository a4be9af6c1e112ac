import "server-only";
import { type User, userSchema } from "@/lib/validation/users";

// How a user item is stored and read back: the attributes a read names, the session generation
// that ends every session at once, and the `directory` / `nameKey` attributes the users list
// sorts and searches on (lib/db/user-directory.ts).

// Every read names its attributes, so the password hash never leaves lib/db by accident.
const USER_ATTRIBUTES = ["id", "email", "#name", "#role", "isActive", "createdAt", "updatedAt", "version", "lastSignInAt", "defaultProfileId", "avatarKey"];
export const USER_PROJECTION = USER_ATTRIBUTES.join(", ");
export const USER_PROJECTION_NAMES = { "#name": "name", "#role": "role" };

/** A read of the user item for the session check: the user and the generation of their sessions. */
export const USER_READ = { ProjectionExpression: `${USER_PROJECTION}, sessionGeneration`, ExpressionAttributeNames: USER_PROJECTION_NAMES };

export function parseUserItem(item: Record<string, unknown>): { user: User; sessionGeneration: number } {
  return { user: userSchema.parse(item), sessionGeneration: Number(item.sessionGeneration ?? 0) };
}

/**
 * The clause of a user-item Update that ends all of the user's sessions (lib/db/sessions.ts
 * checks the generation), with its value: deactivation and password changes include it.
 */
export const END_ALL_SESSIONS = { clause: "ADD sessionGeneration :sessionStep", values: { ":sessionStep": 1 } } as const;

/** Constant partition value of the Directory-* indexes ("all users" without a Scan). */
export const DIRECTORY = "users";

/** Case-insensitive sort and prefix-search form of a name or search text. */
export function searchForm(text: string): string {
  return text.normalize("NFKC").trim().toLowerCase();
}

/** Sort key of Directory-Name-Index: unique, so equal names still page stably. */
export function nameKey(name: string, id: string): string {
  return `${searchForm(name)}#${id}`;
}
