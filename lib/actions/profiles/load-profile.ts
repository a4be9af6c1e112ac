import "server-only";
import { can } from "@/lib/auth/permissions";
import { getProfile, type Profile } from "@/lib/db/profiles";
import { getUser, type User } from "@/lib/db/users";
import { NotFoundError } from "@/lib/errors";

const MISSING = "This profile does not exist.";

/** The owner of profiles, if the actor may manage their profiles (else "not found"). */
export async function loadProfileOwner(actor: User, userId: string): Promise<User> {
  const owner = await getUser(userId, { consistent: true });
  if (!owner || !can(actor, "profiles.manage", owner)) throw new NotFoundError("This user does not exist.");
  return owner;
}

/**
 * A profile the actor may manage, read fresh. Someone else's profile looks exactly like a
 * missing one, so guessing ids reveals nothing.
 */
export async function loadProfile(actor: User, id: string): Promise<{ profile: Profile; owner: User }> {
  const profile = await getProfile(id, { consistent: true });
  if (!profile) throw new NotFoundError(MISSING);
  const owner = await getUser(profile.userId, { consistent: true });
  if (!owner || !can(actor, "profiles.manage", owner)) throw new NotFoundError(MISSING);
  return { profile, owner };
}
