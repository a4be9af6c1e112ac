import "server-only";
import { cache } from "react";
import { requireUser } from "@/lib/auth/current-user";
import { forPage, profileSubject } from "@/lib/auth/subjects";
import type { Profile } from "@/lib/db/profiles";

/**
 * The signed-in user's own profile, read strongly consistent (the editor saves against its
 * version). Someone else's profile is "not found", exactly like a missing one. Cached per
 * request: the layout checks it before anything streams (a real 404), the page renders it.
 */
export const loadOwnProfile = cache(async (id: string): Promise<Profile> => {
  const user = await requireUser();
  return (await forPage(profileSubject(user, id, { ownerId: user.id }))).profile;
});
