import type { User } from "@/lib/validation/users";

// Faces in lists (users table, timeline, header) link to /api/avatars/{userId} rather than
// carrying a presigned URL each: a presigned URL is ~600 bytes and changes with every render,
// which would bloat every list's HTML and defeat the browser's cache. The `v` parameter changes
// with the avatar (it is the start of the avatar file's id, which its object key holds), so the
// browser may keep the redirect until a new avatar gives a new URL. No secret is involved, so
// this runs in the browser too (the users list renders rows it fetched itself).

/** A short, stable version of an avatar key (`…/avatar-{fileId}.webp`): changes when the avatar does. */
export function avatarVersion(key: string): string {
  const file = key.slice(key.lastIndexOf("/") + 1).replace(/^avatar-/, "").replace(/\.[a-z]+$/, "");
  return encodeURIComponent(file.slice(0, 12));
}

/** The URL of a user's avatar, or null when their default profile has none (initials then). */
export function avatarPath(user: Pick<User, "id" | "avatarKey">): string | null {
  return user.avatarKey ? `/api/avatars/${user.id}?v=${avatarVersion(user.avatarKey)}` : null;
}
