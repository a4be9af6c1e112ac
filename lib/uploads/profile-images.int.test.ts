import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getFile, updateFile } from "@/lib/db/files";
import { createProfile, getProfile } from "@/lib/db/profiles";
import { useIsolatedTables } from "@/lib/db/testing/isolated-tables";
import { countCalls } from "@/lib/db/testing/sdk-middleware";
import { createUser } from "@/lib/db/users";
import { type User } from "@/lib/validation/users";
import { profileImages } from "./profile-images";
import { completeUpload, startUpload } from "./service";

const ctx = { actorId: "profile-images-test", userAgent: "vitest" };
// Tables of its own: its audit entries must not crowd the shared table's "most recent" tests.
beforeAll(async () => {
  await useIsolatedTables();
});

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(120, 3)]);

async function owner(): Promise<User> {
  return createUser({ email: `images-${randomUUID()}@example.com`, name: "Imaged", role: "user" }, ctx);
}

async function uploadImage(user: User, profileId: string, purpose: "avatar" | "background") {
  const started = await startUpload(user, { purpose, name: `${purpose}.png`, type: "image/png", size: PNG.length, profileId }, ctx);
  const put = await fetch(started.uploadUrl, { method: "PUT", headers: { "Content-Type": "image/png" }, body: new Uint8Array(PNG) });
  expect(put.status).toBe(200);
  const result = await completeUpload((await getFile(started.fileId, { consistent: true }))!, ctx);
  if (!result.ok) throw new Error(result.reason);
  return result.file;
}

describe("profileImages", () => {
  it("gives each profile its avatar and background URLs from one BatchGet", async () => {
    const user = await owner();
    const withBoth = await createProfile(user.id, { name: "Both", type: "personal", customFields: {} }, ctx);
    const withAvatar = await createProfile(user.id, { name: "Avatar only", type: "professional", customFields: {} }, ctx);
    const bare = await createProfile(user.id, { name: "Bare", type: "custom", customFields: {} }, ctx);
    const avatar = await uploadImage(user, withBoth.id, "avatar");
    const background = await uploadImage(user, withBoth.id, "background");
    const secondAvatar = await uploadImage(user, withAvatar.id, "avatar");
    const profiles = await Promise.all([withBoth, withAvatar, bare].map(async (p) => (await getProfile(p.id, { consistent: true }))!));

    const { result, calls } = await countCalls(() => profileImages(profiles));
    expect(calls).toBe(1);
    expect(result.get(withBoth.id)).toEqual({
      avatar: { fileId: avatar.id, url: expect.stringContaining(`avatar-${avatar.id}.png`) },
      background: { fileId: background.id, url: expect.stringContaining(`background-${background.id}.png`) },
    });
    expect(result.get(withAvatar.id)).toEqual({ avatar: { fileId: secondAvatar.id, url: expect.any(String) }, background: null });
    expect(result.get(bare.id)).toEqual({ avatar: null, background: null });

    const image = await fetch(result.get(withBoth.id)!.avatar!.url);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-disposition")).toMatch(/^inline/);
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it("shows no image that is not really the profile's, or has expired", async () => {
    const user = await owner();
    const profile = await createProfile(user.id, { name: "Mine", type: "personal", customFields: {} }, ctx);
    const avatar = await uploadImage(user, profile.id, "avatar");
    const stored = (await getProfile(profile.id, { consistent: true }))!;

    // Another profile pointing at this file (a corrupted reference) does not get it.
    const stranger = { ...stored, id: randomUUID(), userId: randomUUID() };
    // Nor does a background field pointing at an avatar.
    const swapped = { ...stored, avatarFileId: undefined, backgroundFileId: avatar.id };
    const result = await profileImages([stranger, swapped]);
    expect(result.get(stranger.id)).toEqual({ avatar: null, background: null });
    expect(result.get(swapped.id)).toEqual({ avatar: null, background: null });

    await updateFile(avatar.id, avatar.version, { expiresAt: new Date(Date.now() + 1500).toISOString() }, ctx);
    expect((await profileImages([stored])).get(profile.id)?.avatar?.fileId).toBe(avatar.id);
    await new Promise((r) => setTimeout(r, 1600));
    expect((await profileImages([stored])).get(profile.id)?.avatar).toBeNull();
  });
});
