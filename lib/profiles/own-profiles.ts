import "server-only";
import { cache } from "react";
import { listProfiles, type Profile } from "@/lib/db/profiles";

/**
 * A user's profiles, read once per request (one Query): the home page and the files list's
 * profile names share it instead of each reading on its own.
 */
export const profilesOfUser = cache((userId: string): Promise<Profile[]> => listProfiles(userId));
