import "server-only";
import { type FileMetadata, type FileQuery, listFiles } from "@/lib/db/files";
import { profilesOfUser } from "@/lib/profiles/own-profiles";
import { presignGet } from "@/lib/s3/presign";
import type { Page } from "@/lib/types/page";
import { isRasterImage } from "./policies";

// The files list as pages show it: each row's thumbnail (a small presigned GET of the image
// itself, signed locally: no request to S3 or DynamoDB) and, for avatars and backgrounds, the
// name of the profile they belong to (from the owner's profiles, read once per request and
// only when such a file is on the page).

export interface FileListItem extends FileMetadata {
  /** For raster images: a short-lived inline GET of the image; null otherwise. */
  thumbnailUrl: string | null;
  /** For an avatar or background: the profile it shows on. */
  profileName?: string;
}

const THUMBNAIL_SECONDS = 15 * 60;

export async function listFileViews(ownerId: string, query: FileQuery = {}): Promise<Page<FileListItem>> {
  const page = await listFiles(ownerId, query);
  const needsNames = page.items.some((file) => file.profileId && (file.purpose === "avatar" || file.purpose === "background"));
  const names = needsNames ? new Map((await profilesOfUser(ownerId)).map((profile) => [profile.id, profile.name])) : new Map<string, string>();
  const items = await Promise.all(
    page.items.map(async (file): Promise<FileListItem> => {
      const profileName = file.profileId && file.purpose !== "document" ? names.get(file.profileId) : undefined;
      const thumbnailUrl = isRasterImage(file.mimeType)
        ? await presignGet(file.s3Key, { filename: file.displayName, inline: true, contentType: file.mimeType, expiresIn: THUMBNAIL_SECONDS })
        : null;
      return { ...file, thumbnailUrl, ...(profileName ? { profileName } : {}) };
    }),
  );
  return { items, nextCursor: page.nextCursor };
}
