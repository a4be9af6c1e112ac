import "server-only";
import type { AuditContext } from "@/lib/db/audit";
import { deleteProfile } from "@/lib/db/profiles";
import { deleteObject, persist } from "@/lib/s3/tidy";

/**
 * Deletes a profile with its avatar and background: their items go in the profile's own
 * transaction with its audit entry (lib/db/profiles.ts), their objects right after. An object
 * whose delete fails is reported by storage:check, which removes objects no item names.
 */
export async function deleteProfileWithImages(id: string, ctx: AuditContext): Promise<{ promoted: string | null }> {
  const { promoted, removedImages } = await deleteProfile(id, ctx);
  for (const image of removedImages) {
    // A few tries: the profile is gone, so nothing else would name this object again.
    await persist(() => deleteObject(image.s3Key)).catch((error: unknown) => console.warn(`profile ${id}: image ${image.s3Key} not deleted`, error));
  }
  return { promoted };
}
