import { randomUUID } from "node:crypto";
import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { ConflictError } from "@/lib/errors";
import { listAuditByTarget } from "./audit";
import { db, table } from "./client";
import { createProfile, deleteProfile, getDefaultProfile, getProfile, listProfiles, makeDefaultProfile, updateProfile } from "./profiles";
import { INDEX } from "./tables";
import { aroundRequests } from "./testing/sdk-middleware";
import { createUser } from "./users";

const ctx = { actorId: "actor-1", ipAddress: "192.168.1.100", userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36" };

async function owner() {
  return createUser({ email: `owner-${randomUUID()}@example.com`, name: "Owner", role: "user" }, ctx);
}

async function defaults(userId: string) {
  const profiles = await listProfiles(userId);
  const user = await db().send(new GetCommand({ TableName: table("users"), Key: { id: userId }, ConsistentRead: true }));
  const indexed = await db().send(
    new QueryCommand({ TableName: table("userProfiles"), IndexName: INDEX.userProfiles.defaultOfUser, KeyConditionExpression: "userId = :u AND defaultFlag = :y", ExpressionAttributeValues: { ":u": userId, ":y": "1" } }),
  );
  return { flagged: profiles.filter((p) => p.isDefault).map((p) => p.id), recorded: user.Item?.defaultProfileId as string | undefined, indexed: (indexed.Items ?? []).map((i) => i.id) };
}

describe("profiles repository", () => {
  it("makes the first profile the default, and only the first", async () => {
    const user = await owner();
    const first = await createProfile(user.id, { name: "Personal", type: "personal", customFields: {} }, ctx);
    const second = await createProfile(user.id, { name: "Work", type: "professional", customFields: {} }, ctx);
    expect(first.isDefault).toBe(true);
    expect(second.isDefault).toBe(false);
    expect(await defaults(user.id)).toEqual({ flagged: [first.id], recorded: first.id, indexed: [first.id] });
    expect((await getDefaultProfile(user.id))?.id).toBe(first.id);
  });

  it("leaves exactly one default when creates race on a user with none", async () => {
    const user = await owner();
    await Promise.all(Array.from({ length: 8 }, (_, i) => createProfile(user.id, { name: `P${i}`, type: "custom", customFields: {} }, ctx)));
    const state = await defaults(user.id);
    expect(state.flagged).toHaveLength(1);
    expect(state.recorded).toBe(state.flagged[0]);
  });

  it("leaves exactly one default after 20 concurrent make-default calls for different profiles", async () => {
    const user = await owner();
    const profiles = [];
    for (let i = 0; i < 20; i++) profiles.push(await createProfile(user.id, { name: `P${i}`, type: "custom", customFields: {} }, ctx));
    const results = await Promise.allSettled(profiles.map((p) => makeDefaultProfile(p.id, ctx)));
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(ConflictError);
    const state = await defaults(user.id);
    expect(state.flagged).toHaveLength(1);
    expect(state.recorded).toBe(state.flagged[0]);
    expect(state.indexed).toEqual(state.flagged);
  });

  it("promotes the most recently updated remaining profile when the default is deleted", async () => {
    const user = await owner();
    const a = await createProfile(user.id, { name: "A", type: "personal", customFields: {} }, ctx);
    const b = await createProfile(user.id, { name: "B", type: "custom", customFields: {} }, ctx);
    const c = await createProfile(user.id, { name: "C", type: "custom", customFields: {} }, ctx);
    await updateProfile(b.id, b.version, { name: "B2" }, ctx);
    expect(await deleteProfile(a.id, ctx)).toEqual({ promoted: b.id, removedImages: [] });
    expect(await defaults(user.id)).toEqual({ flagged: [b.id], recorded: b.id, indexed: [b.id] });
    await deleteProfile(c.id, ctx);
    await deleteProfile(b.id, ctx);
    expect(await defaults(user.id)).toEqual({ flagged: [], recorded: undefined, indexed: [] });
    const actions = (await listAuditByTarget(user.id, { limit: 100 })).items.map((e) => e.action);
    expect(actions.filter((a) => a === "profile.deleted")).toHaveLength(3);
  });

  it("keeps a default when a profile is created while the only one, the default, is deleted", async () => {
    // Found by the reliability suite (lib/reliability): the delete chose "nothing to promote"
    // from a list read before the create committed, and left the new profile without a default.
    const user = await owner();
    const a = await createProfile(user.id, { name: "A", type: "personal", customFields: {} }, ctx);
    let created: Awaited<ReturnType<typeof createProfile>> | undefined;
    const remove = aroundRequests(async (input, send) => {
      const deletes = ((input.TransactItems ?? []) as Array<{ Delete?: { Key?: { id?: string } } }>).some((item) => item.Delete?.Key?.id === a.id);
      if (deletes && !created) created = await createProfile(user.id, { name: "B", type: "custom", customFields: {} }, ctx);
      return send(input);
    });
    try {
      expect(await deleteProfile(a.id, ctx)).toEqual({ promoted: created!.id, removedImages: [] });
    } finally {
      remove();
    }
    expect(await defaults(user.id)).toEqual({ flagged: [created!.id], recorded: created!.id, indexed: [created!.id] });
  });

  it("keeps the arranged key order of nested custom fields through save and reload", async () => {
    const user = await owner();
    const fields = { zeta: 1, alpha: { yankee: true, bravo: "b" }, list: [{ z: 1, a: 2 }] };
    const p = await createProfile(user.id, { name: "Ordered", type: "custom", customFields: fields }, ctx);
    expect(JSON.stringify((await getProfile(p.id, { consistent: true }))?.customFields)).toBe(JSON.stringify(fields));
    const reordered = { list: [{ a: 2, z: 1 }], alpha: { bravo: "b", yankee: true }, zeta: 1 };
    await updateProfile(p.id, p.version, { customFields: reordered }, ctx);
    expect(JSON.stringify((await getProfile(p.id, { consistent: true }))?.customFields)).toBe(JSON.stringify(reordered));
    const entry = (await listAuditByTarget(user.id)).items.find((e) => e.action === "profile.updated");
    expect(entry?.details).toEqual({ profileId: p.id, changes: {}, affectedFields: ["customFields"], reordered: true });
  });

  it("writes a custom-field change's audit entry in the spec's example shape, field for field", async () => {
    const user = await owner();
    const p = await createProfile(user.id, { name: "Work Profile", type: "professional", customFields: { department: "Sales", jobTitle: "Senior Developer" } }, ctx);
    await updateProfile(p.id, p.version, { customFields: { department: "Engineering", jobTitle: "Senior Developer" } }, ctx);
    const entry = (await listAuditByTarget(user.id)).items.find((e) => e.action === "profile.updated")!;
    // The spec's example record, with this test's ids and times.
    const example = {
      id: entry.id,
      userId: ctx.actorId,
      action: "profile.updated",
      details: { profileId: p.id, changes: { "customFields.department": { from: "Sales", to: "Engineering" } }, affectedFields: ["customFields"] },
      timestamp: entry.timestamp,
      ipAddress: "192.168.1.100",
      userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36",
    };
    // The signature (lib/audit/integrity.ts) is read with the entry for the audit page's details.
    const { targetUserId, hmac, ...specFields } = entry;
    expect(specFields).toEqual(example);
    expect(hmac).toMatch(/^[0-9a-f]{64}$/);
    expect(targetUserId).toBe(user.id);
    expect(entry.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it("refuses a stale save and changes nothing", async () => {
    const user = await owner();
    const p = await createProfile(user.id, { name: "Mine", type: "custom", customFields: { a: 1 } }, ctx);
    await updateProfile(p.id, p.version, { customFields: { a: 2 } }, ctx);
    await expect(updateProfile(p.id, p.version, { customFields: { a: 3 } }, ctx)).rejects.toMatchObject({ latest: { customFields: { a: 2 } } });
    expect((await getProfile(p.id, { consistent: true }))?.customFields).toEqual({ a: 2 });
  });
});
