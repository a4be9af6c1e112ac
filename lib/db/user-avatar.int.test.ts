import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getFile } from "@/lib/db/files";
import { createProfile, makeDefaultProfile } from "@/lib/db/profiles";
import { useIsolatedTables } from "@/lib/db/testing/isolated-tables";
import { createUser, getUser } from "@/lib/db/users";
import { deleteProfileWithImages } from "@/lib/profiles/delete-profile";
import { completeUpload, deleteFile, startUpload } from "@/lib/uploads/service";
import { avatarPath } from "@/lib/users/avatar-path";
import { type User } from "@/lib/validation/users";

// The user item carries its default profile's avatar (lib/db/profile-default.ts): every write
// that moves the default or its avatar keeps it in step, so lists show faces with no extra read.

const ctx = { actorId: "user-avatar-test", userAgent: "vitest" };
beforeAll(async () => {
  await useIsolatedTables();
});

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);

async function uploadAvatar(user: User, profileId: string) {
  const started = await startUpload(user, { purpose: "avatar", name: "me.png", type: "image/png", size: PNG.length, profileId }, ctx);
  const put = await fetch(started.uploadUrl, { method: "PUT", headers: { "Content-Type": "image/png" }, body: new Uint8Array(PNG) });
  expect(put.status).toBe(200);
  const result = await completeUpload((await getFile(started.fileId, { consistent: true }))!, ctx);
  if (!result.ok) throw new Error(result.reason);
  return result.file;
}

const avatarKeyOf = async (id: string) => (await getUser(id, { consistent: true }))?.avatarKey;

describe("the user item's avatar", () => {
  it("follows the default profile's avatar through uploads, replacements, default changes and deletes", async () => {
    const user = await createUser({ email: `avatar-${randomUUID()}@example.com`, name: "Faced", role: "user" }, ctx);
    const first = await createProfile(user.id, { name: "First", type: "personal", customFields: {} }, ctx);
    const second = await createProfile(user.id, { name: "Second", type: "professional", customFields: {} }, ctx);
    expect(await avatarKeyOf(user.id)).toBeUndefined();

    // Not the default's: the user item does not show it.
    const secondAvatar = await uploadAvatar(user, second.id);
    expect(await avatarKeyOf(user.id)).toBeUndefined();

    const firstAvatar = await uploadAvatar(user, first.id);
    expect(await avatarKeyOf(user.id)).toBe(firstAvatar.s3Key);
    const replacement = await uploadAvatar(user, first.id);
    expect(await avatarKeyOf(user.id)).toBe(replacement.s3Key);

    await makeDefaultProfile(second.id, ctx);
    expect(await avatarKeyOf(user.id)).toBe(secondAvatar.s3Key);
    await makeDefaultProfile(first.id, ctx);
    expect(await avatarKeyOf(user.id)).toBe(replacement.s3Key);

    // Deleting the default promotes the other, whose avatar the user item then shows.
    await deleteProfileWithImages(first.id, ctx);
    expect(await avatarKeyOf(user.id)).toBe(secondAvatar.s3Key);

    // Deleting the avatar file itself leaves initials.
    await deleteFile((await getFile(secondAvatar.id, { consistent: true }))!, ctx);
    expect(await avatarKeyOf(user.id)).toBeUndefined();

    const third = await uploadAvatar(user, second.id);
    expect(await avatarKeyOf(user.id)).toBe(third.s3Key);
    await deleteProfileWithImages(second.id, ctx);
    expect(await avatarKeyOf(user.id)).toBeUndefined();
  });

  it("links the avatar by a URL that changes with it and carries no storage key", async () => {
    const id = randomUUID();
    expect(avatarPath({ id })).toBeNull();
    const a = avatarPath({ id, avatarKey: `users/${id}/profiles/p/avatar-1.png` })!;
    const b = avatarPath({ id, avatarKey: `users/${id}/profiles/p/avatar-2.png` })!;
    expect(a).toMatch(new RegExp(`^/api/avatars/${id}\\?v=[\\w-]{10}$`));
    expect(a).not.toBe(b);
    expect(a).not.toContain("users/");
  });
});
