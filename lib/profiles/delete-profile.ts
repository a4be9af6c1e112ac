import "server-only";
import { DeleteObjectCommand } from "@aws-sdk/client-s3";
import type { AuditContext } from "@/lib/db/audit";
import { deleteProfile } from "@/lib/db/profiles";
import { bucket, s3 } from "@/lib/s3/client";

/**
 * Deletes a profile with its avatar and background: their items go in the profile's own
 * transaction with its audit entry (lib/db/profiles.ts), their objects right after. An object
 * whose delete fails is reported by storage:check, which removes objects no item names.
 */
export async function deleteProfileWithImages(id: string, ctx: AuditContext): Promise<{ promoted: string | null }> {
  const { promoted, removedImages } = await deleteProfile(id, ctx);
  for (const image of removedImages) {
    await s3()
      .send(new DeleteObjectCommand({ Bucket: bucket(), Key: image.s3Key }))
      .catch((error: unknown) => console.warn(`profile ${id}: image ${image.s3Key} not deleted`, error));
  }
  return { promoted };
}
