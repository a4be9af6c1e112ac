import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listAuditByTarget } from "@/lib/db/audit";
import { getFile } from "@/lib/db/files";
import { createProfile, getProfile } from "@/lib/db/profiles";
import { createUser } from "@/lib/db/users";
import { objectExists } from "@/lib/s3/testing/objects";
import { completeUpload, startUpload } from "@/lib/uploads/service";
import { deleteProfileWithImages } from "./delete-profile";

const ctx = { actorId: "delete-profile-test", userAgent: "vitest" };
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(120, 3)]);

describe("deleting a profile", () => {
  it("takes its avatar and background along: items in the same transaction as the audit entry, then the objects", async () => {
    const user = await createUser({ email: `delete-profile-${randomUUID()}@example.com`, name: "Leaver", role: "user" }, ctx);
    const profile = await createProfile(user.id, { name: "Gone soon", type: "personal", customFields: {} }, ctx);
    const kept = await createProfile(user.id, { name: "Kept", type: "personal", customFields: {} }, ctx);
    const images = [];
    for (const purpose of ["avatar", "background"] as const) {
      const started = await startUpload(user, { purpose, name: `${purpose}.png`, type: "image/png", size: PNG.length, profileId: profile.id }, ctx);
      await fetch(started.uploadUrl, { method: "PUT", headers: { "Content-Type": "image/png" }, body: new Uint8Array(PNG) });
      const result = await completeUpload((await getFile(started.fileId, { consistent: true }))!, ctx);
      if (!result.ok) throw new Error(result.reason);
      images.push(result.file);
    }

    expect(await deleteProfileWithImages(profile.id, ctx)).toEqual({ promoted: kept.id });

    expect(await getProfile(profile.id, { consistent: true })).toBeNull();
    for (const image of images) {
      expect(await getFile(image.id, { consistent: true })).toBeNull();
      expect(await objectExists(image.s3Key)).toBe(false);
    }
    const entry = (await listAuditByTarget(user.id)).items.find((e) => e.action === "profile.deleted");
    expect(entry?.details).toMatchObject({ profileId: profile.id, name: "Gone soon", removedFileIds: images.map((i) => i.id) });
    // An upload for the deleted profile finished afterwards is refused, leaving nothing behind.
    await expect(startUpload(user, { purpose: "avatar", name: "late.png", type: "image/png", size: PNG.length, profileId: profile.id }, ctx)).rejects.toThrow(/profile does not exist/);
  });
});
