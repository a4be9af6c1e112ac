import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireUser } from "@/lib/auth/current-user";
import { getProfile, type Profile } from "@/lib/db/profiles";
import { isUuid } from "@/lib/validation/profiles";

/**
 * The signed-in user's own profile, read strongly consistent (the editor saves against its
 * version). Someone else's profile is "not found", exactly like a missing one. Cached per
 * request: the layout checks it before anything streams (a real 404), the page renders it.
 */
export const loadOwnProfile = cache(async (id: string): Promise<Profile> => {
  const user = await requireUser();
  const profile = isUuid(id) ? await getProfile(id, { consistent: true }) : null;
  if (!profile || profile.userId !== user.id) notFound();
  return profile;
});
