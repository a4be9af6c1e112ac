import "server-only";
import { type FileMetadata, getFilesByIds, isExpired } from "@/lib/db/files";
import type { Profile } from "@/lib/db/profiles";
import { downloadUrl } from "./service";

// The avatar and background of profiles as the pages show them: one BatchGet for every
// profile on the page (never one read per row), then presigned GETs, which are signed locally
// without a request to S3.

export interface ProfileImage {
  fileId: string;
  /** A short-lived presigned GET (raster images are served inline). */
  url: string;
}

export interface ProfileImages {
  avatar: ProfileImage | null;
  background: ProfileImage | null;
}

type ProfileRef = Pick<Profile, "id" | "userId" | "avatarFileId" | "backgroundFileId">;

/** The file really is this profile's image of this kind, ready and not expired. */
function belongs(file: FileMetadata | undefined, profile: ProfileRef, purpose: "avatar" | "background"): file is FileMetadata {
  return (
    file !== undefined &&
    file.status === "ready" &&
    file.purpose === purpose &&
    file.profileId === profile.id &&
    file.uploadedBy === profile.userId &&
    !isExpired(file)
  );
}

async function image(file: FileMetadata | undefined, profile: ProfileRef, purpose: "avatar" | "background"): Promise<ProfileImage | null> {
  return belongs(file, profile, purpose) ? { fileId: file.id, url: await downloadUrl(file) } : null;
}

/** Images of each profile, keyed by profile id. */
export async function profileImages(profiles: readonly ProfileRef[]): Promise<Map<string, ProfileImages>> {
  const ids = profiles.flatMap((p) => [p.avatarFileId, p.backgroundFileId]).filter((id): id is string => Boolean(id));
  const files = ids.length ? await getFilesByIds(ids) : new Map<string, FileMetadata>();
  const entries = await Promise.all(
    profiles.map(async (profile) => {
      const [avatar, background] = await Promise.all([
        image(profile.avatarFileId ? files.get(profile.avatarFileId) : undefined, profile, "avatar"),
        image(profile.backgroundFileId ? files.get(profile.backgroundFileId) : undefined, profile, "background"),
      ]);
      return [profile.id, { avatar, background }] as const;
    }),
  );
  return new Map(entries);
}
