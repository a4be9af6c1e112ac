import "server-only";
import { forbidden, notFound } from "next/navigation";
import { type FileMetadata, getFile, isExpired } from "@/lib/db/files";
import { getProfile, type Profile } from "@/lib/db/profiles";
import { getUser, getUsersByIds } from "@/lib/db/users";
import { type User } from "@/lib/validation/users";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/validation/profiles";
import { can, type Permission } from "./permissions";

// The one guard. Every server action and page that touches a user, a profile or a file loads
// it here, read fresh (strongly consistent: what is decided on is what is there now), and the
// decision is `can()`'s. Where the app hides existence, what the actor may not see is answered
// exactly like what does not exist, so ids cannot be probed: tampered, unknown and foreign ids
// all get the same words. Actions see NotFoundError / ForbiddenError (the action tier maps
// them); pages wrap a load in `forPage()` to get the not-found and forbidden pages instead.

export const USER_MISSING = "This user does not exist.";
export const PROFILE_MISSING = "This profile does not exist.";
export const FILE_MISSING = "This file does not exist.";

async function readUser(id: string): Promise<User | null> {
  return isUuid(id) ? getUser(id, { consistent: true }) : null;
}

/** The owner of something the actor touches: the actor themself needs no second read (read fresh on this request). */
function ownerOf(actor: User, ownerId: string): Promise<User | null> {
  return ownerId === actor.id ? Promise.resolve(actor) : getUser(ownerId, { consistent: true });
}

/**
 * The user `id` names, if the actor holds `permission` over them. Without `visibleWith` (by
 * default the permission itself) over them, the user is reported missing; with it, but without
 * the permission, the answer is "forbidden" (the actor can see them anyway).
 */
export async function userSubject(actor: User, id: string, permission: Permission, visibleWith: Permission = permission): Promise<User> {
  const subject = await readUser(id);
  if (!subject || !can(actor, visibleWith, subject)) throw new NotFoundError(USER_MISSING);
  if (!can(actor, permission, subject)) throw new ForbiddenError();
  return subject;
}

/** Of the users `ids` name, those the actor may see, read fresh; the rest are simply absent. */
export async function visibleUsers(actor: User, ids: readonly string[]): Promise<User[]> {
  const found = await getUsersByIds(ids.filter(isUuid), { consistent: true });
  return [...found.values()].filter((user) => can(actor, "users.view", user));
}

/**
 * A profile whose owner the actor may manage profiles of (and, with `ownerId`, that belongs to
 * that user). Someone else's profile looks exactly like a missing one.
 */
export async function profileSubject(actor: User, profileId: string, options: { ownerId?: string } = {}): Promise<{ profile: Profile; owner: User }> {
  const profile = isUuid(profileId) ? await getProfile(profileId, { consistent: true }) : null;
  if (!profile || (options.ownerId !== undefined && profile.userId !== options.ownerId)) throw new NotFoundError(PROFILE_MISSING);
  const owner = await ownerOf(actor, profile.userId);
  if (!owner || !can(actor, "profiles.manage", owner)) throw new NotFoundError(PROFILE_MISSING);
  return { profile, owner };
}

/**
 * A file whose owner the actor may manage files of: complete ones, or with `pending` only
 * uploads not yet completed. Expired, foreign and missing files all look the same, and the
 * answer never says "user" (that would tell that the file id is real).
 */
export async function fileSubject(actor: User, fileId: string, options: { pending?: boolean } = {}): Promise<{ file: FileMetadata; owner: User }> {
  const file = isUuid(fileId) ? await getFile(fileId, { consistent: true }) : null;
  if (!file || (file.status === "pending") !== Boolean(options.pending) || isExpired(file)) throw new NotFoundError(FILE_MISSING);
  const owner = await ownerOf(actor, file.uploadedBy);
  if (!owner || !can(actor, "files.manage", owner)) throw new NotFoundError(FILE_MISSING);
  return { file, owner };
}

/** For pages: a load above, with "missing" shown as the not-found page and "forbidden" as the 403 page. */
export async function forPage<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    if (error instanceof ForbiddenError) forbidden();
    throw error;
  }
}
