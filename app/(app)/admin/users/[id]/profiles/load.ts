import "server-only";
import { cache } from "react";
import { requireUser } from "@/lib/auth/current-user";
import { forPage, profileSubject, userSubject } from "@/lib/auth/subjects";
import type { Profile } from "@/lib/db/profiles";
import type { User } from "@/lib/validation/users";

// Loaders for the admin and manager views of someone's profiles. Cached per request, so the
// layouts can refuse before anything streams (a real 404) and the pages reuse the reads.

/** The user whose profiles were opened, if the viewer may manage them; anyone else's is "not found". */
export const loadManagedOwner = cache(async (id: string): Promise<User> => forPage(userSubject(await requireUser(), id, "profiles.manage")));

/** One of that user's profiles, read strongly consistent (the editor saves against its version). */
export const loadManagedProfile = cache(async (ownerId: string, profileId: string): Promise<{ owner: User; profile: Profile }> => {
  const owner = await loadManagedOwner(ownerId);
  return forPage(profileSubject(await requireUser(), profileId, { ownerId: owner.id }));
});
