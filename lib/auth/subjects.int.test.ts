import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { recordPendingUpload } from "@/lib/db/file-uploads";
import { type FileMetadata } from "@/lib/db/files";
import { createProfile } from "@/lib/db/profiles";
import { createUser } from "@/lib/db/users";
import { type User } from "@/lib/validation/users";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { Role } from "@/lib/validation/users";
import { FILE_MISSING, fileSubject, PROFILE_MISSING, profileSubject, USER_MISSING, userSubject, visibleUsers } from "./subjects";

const ctx = { actorId: "subjects-test" };
const person = (role: Role) => createUser({ email: `${role}-${randomUUID()}@subjects.test`, name: `A ${role}`, role }, ctx);

async function pendingFile(owner: User): Promise<FileMetadata> {
  const now = new Date().toISOString();
  const id = randomUUID();
  const file: FileMetadata = {
    id, originalName: "a.pdf", displayName: "a.pdf", mimeType: "application/pdf", size: 10, s3Key: `users/${owner.id}/uploads/temp/${id}.tmp`,
    uploadedBy: owner.id, tags: [], isPublic: false, createdAt: now, updatedAt: now, status: "pending", purpose: "document", version: 1,
  };
  await recordPendingUpload(file, ctx);
  return file;
}

async function refusal(load: Promise<unknown>): Promise<{ kind: string; message: string }> {
  try {
    await load;
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ForbiddenError) return { kind: error.constructor.name, message: error.message };
    throw error;
  }
  return { kind: "allowed", message: "" };
}

describe("the guard", () => {
  it("answers a tampered id, an unknown id and a user the actor may not see in the same words", async () => {
    const [user, other] = await Promise.all([person("user"), person("user")]);
    const answers = await Promise.all([
      refusal(userSubject(user, "../../etc/passwd", "users.view")),
      refusal(userSubject(user, "__proto__", "users.view")),
      refusal(userSubject(user, randomUUID(), "users.view")),
      refusal(userSubject(user, other.id, "users.view")),
    ]);
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(new Set([JSON.stringify({ kind: "NotFoundError", message: USER_MISSING })]));
  });

  it("forbids what the actor can see but not do, and hides what they may not see at all", async () => {
    const [manager, admin, user] = await Promise.all([person("manager"), person("admin"), person("user")]);
    expect((await refusal(userSubject(manager, admin.id, "users.edit", "users.view"))).kind).toBe("ForbiddenError");
    expect(await refusal(userSubject(manager, admin.id, "profiles.manage"))).toEqual({ kind: "NotFoundError", message: USER_MISSING });
    expect(await userSubject(manager, user.id, "users.edit", "users.view")).toMatchObject({ id: user.id });
  });

  it("hides someone else's profile and a profile asked for under the wrong owner", async () => {
    const [owner, stranger, admin] = await Promise.all([person("user"), person("user"), person("admin")]);
    const profile = await createProfile(owner.id, { name: "Work", type: "professional", customFields: {} }, ctx);
    expect(await refusal(profileSubject(stranger, profile.id))).toEqual({ kind: "NotFoundError", message: PROFILE_MISSING });
    expect(await refusal(profileSubject(admin, profile.id, { ownerId: stranger.id }))).toEqual({ kind: "NotFoundError", message: PROFILE_MISSING });
    expect((await profileSubject(admin, profile.id, { ownerId: owner.id })).owner.id).toBe(owner.id);
  });

  it("hides someone else's file, and a pending upload from the calls for complete files", async () => {
    const [owner, stranger] = await Promise.all([person("user"), person("user")]);
    const file = await pendingFile(owner);
    expect(await refusal(fileSubject(stranger, file.id, { pending: true }))).toEqual({ kind: "NotFoundError", message: FILE_MISSING });
    expect(await refusal(fileSubject(owner, file.id))).toEqual({ kind: "NotFoundError", message: FILE_MISSING });
    expect((await fileSubject(owner, file.id, { pending: true })).file.id).toBe(file.id);
  });

  it("keeps only the users an actor may see in a batch, dropping malformed ids", async () => {
    const [user, other, manager] = await Promise.all([person("user"), person("user"), person("manager")]);
    expect((await visibleUsers(user, [user.id, other.id, "not-an-id"])).map((u) => u.id)).toEqual([user.id]);
    expect((await visibleUsers(manager, [user.id, other.id])).map((u) => u.id).sort()).toEqual([user.id, other.id].sort());
  });
});
