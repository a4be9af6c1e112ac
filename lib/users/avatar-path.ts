import "server-only";
import { createHash } from "node:crypto";
import type { User } from "@/lib/validation/users";

// Faces in lists (users table, timeline, header) link to /api/avatars/{userId} rather than
// carrying a presigned URL each: a presigned URL is ~600 bytes and changes with every render,
// which would bloat every list's HTML and defeat the browser's cache. The `v` parameter changes
// with the avatar (it hashes the object's key, which holds the file's id), so the browser may
// keep the redirect until a new avatar gives a new URL.

/** A short, stable version of an avatar key: changes when the avatar does. */
export function avatarVersion(key: string): string {
  return createHash("sha256").update(key).digest("base64url").slice(0, 10);
}

/** The URL of a user's avatar, or null when their default profile has none (initials then). */
export function avatarPath(user: Pick<User, "id" | "avatarKey">): string | null {
  return user.avatarKey ? `/api/avatars/${user.id}?v=${avatarVersion(user.avatarKey)}` : null;
}
