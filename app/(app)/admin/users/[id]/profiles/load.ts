import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { getProfile, type Profile } from "@/lib/db/profiles";
import { getUser, type User } from "@/lib/db/users";
import { isUuid } from "@/lib/validation/profiles";

// Loaders for the admin and manager views of someone's profiles. Cached per request, so the
// layouts can refuse before anything streams (a real 404) and the pages reuse the reads.

/** The user whose profiles were opened, if the viewer may manage them; anyone else's is "not found". */
export const loadManagedOwner = cache(async (id: string): Promise<User> => {
  const viewer = await requireUser();
  const owner = isUuid(id) ? await getUser(id, { consistent: true }) : null;
  if (!owner || !can(viewer, "profiles.manage", owner)) notFound();
  return owner;
});

/** One of that user's profiles, read strongly consistent (the editor saves against its version). */
export const loadManagedProfile = cache(async (ownerId: string, profileId: string): Promise<{ owner: User; profile: Profile }> => {
  const owner = await loadManagedOwner(ownerId);
  const profile = isUuid(profileId) ? await getProfile(profileId, { consistent: true }) : null;
  if (!profile || profile.userId !== owner.id) notFound();
  return { owner, profile };
});
