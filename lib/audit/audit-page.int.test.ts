import { randomUUID } from "node:crypto";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { appendAudit } from "@/lib/db/audit";
import { db, table } from "@/lib/db/client";
import { createProfile, deleteProfile, updateProfile } from "@/lib/db/profiles";
import { useIsolatedTables } from "@/lib/db/testing/isolated-tables";
import { countCalls } from "@/lib/db/testing/sdk-middleware";
import { createUser } from "@/lib/db/users";
import { ForbiddenError } from "@/lib/errors";
import { type User } from "@/lib/validation/users";
import { readAuditPage } from "./timeline";
import { searchAuditUsers } from "./user-picker";

// The audit page's reads (app/(app)/admin/audit/page.tsx) and its people pickers, against the
// real DynamoDB Local. A request also reads the session (one BatchGetItem, lib/db/sessions.ts),
// so these stay within three calls for the page budget of four.

let admin: User;
let manager: User;
let people: User[];
let late: User;
let avery: User;
const SESSION_CALLS = 1;
const BUDGET = 4;
const system = { actorId: "system" };

beforeAll(async () => {
  await useIsolatedTables();
  admin = await createUser({ email: `odile-${randomUUID()}@t.test`, name: "Odile Admin", role: "admin" }, system);
  manager = await createUser({ email: `max-${randomUUID()}@t.test`, name: "Max Manager", role: "manager" }, system);
  avery = await createUser({ email: `avery-${randomUUID()}@t.test`, name: "Avery User", role: "user" }, system);
  // 160 people whose names sort before the one the picker must still find.
  people = [];
  for (let i = 0; i < 160; i += 20) {
    people.push(...(await Promise.all(Array.from({ length: 20 }, (_, j) => createUser({ email: `p${i + j}-${randomUUID()}@t.test`, name: `Person ${String(i + j).padStart(3, "0")}`, role: "user" }, system)))));
  }
  late = await createUser({ email: `zed-${randomUUID()}@t.test`, name: "Zoë Zylberstein", role: "user" }, system);
  const averyCtx = { actorId: avery.id, actorRole: "user" };
  const work = await createProfile(avery.id, { name: "Work", type: "professional", customFields: {} }, averyCtx);
  await updateProfile(work.id, work.version, { name: "Office" }, averyCtx);
  const travel = await createProfile(avery.id, { name: "Travel", type: "personal", customFields: {} }, averyCtx);
  await deleteProfile(travel.id, averyCtx);
  await appendAudit({ actorId: admin.id, actorRole: "admin", ipAddress: "::ffff:192.0.2.7" }, { action: "user.deactivated", targetUserId: late.id, details: {} });
  // Avery's face, as lib/db/profile-default.ts keeps it on the user item.
  await db().send(new UpdateCommand({ TableName: table("users"), Key: { id: avery.id }, UpdateExpression: "SET avatarKey = :k", ExpressionAttributeValues: { ":k": `users/${avery.id}/avatars/a.webp` } }));
}, 120_000);

describe("the audit page's read", () => {
  it("stays within the page budget, unfiltered and by actor, target or action, naming the chosen people in the same batch", async () => {
    for (const filter of [{}, { actorId: avery.id }, { targetUserId: late.id }, { actions: ["profile.updated" as const] }, { actorId: avery.id, targetUserId: avery.id }]) {
      const { result, calls } = await countCalls(() => readAuditPage(admin, filter));
      expect(calls + SESSION_CALLS, JSON.stringify(filter)).toBeLessThanOrEqual(BUDGET);
      expect(result.page.entries.length, JSON.stringify(filter)).toBeGreaterThan(0);
      if ("actorId" in filter) expect(result.actor).toEqual({ id: avery.id, name: "Avery User" });
      // Faces come with the names' read: the actor's avatar link, or null for initials.
      for (const entry of result.page.entries) {
        if (entry.actor.id === avery.id) expect(entry.actor.avatar).toMatch(new RegExp(`^/api/avatars/${avery.id}\\?v=[\\w%-]{1,12}$`));
        else expect(entry.actor.avatar ?? null).toBeNull();
      }
      if ("targetUserId" in filter && filter.targetUserId === late.id) expect(result.target).toEqual({ id: late.id, name: "Zoë Zylberstein" });
    }
  });

  it("names profiles and reads addresses normalised, keeping the raw ones among the technical fields", async () => {
    const { result } = await countCalls(() => readAuditPage(admin, { actorId: avery.id }));
    const sentences = result.page.entries.map((e) => e.sentence);
    expect(sentences).toContain("Avery User renamed their profile “Work” to “Office”");
    expect(sentences).toContain("Avery User deleted their profile “Travel”");
    expect(sentences).toContain("Avery User created their profile “Travel”");
    const { result: byAdmin } = await countCalls(() => readAuditPage(admin, { targetUserId: late.id, actions: ["user.deactivated"] }));
    const [entry] = byAdmin.page.entries;
    expect(entry?.ipAddress).toBe("192.0.2.7");
    expect(entry?.technical.ipAddress).toBe("::ffff:192.0.2.7");
    expect(entry?.technical.hmac).toMatch(/^[0-9a-f]{64}$/);
  });

  it("names a chosen person with no entries, and one who does not exist", async () => {
    const ghost = randomUUID();
    const { result, calls } = await countCalls(() => readAuditPage(admin, { actorId: people[5]!.id, targetUserId: ghost }));
    expect(calls + SESSION_CALLS).toBeLessThanOrEqual(BUDGET);
    expect(result.actor).toEqual({ id: people[5]!.id, name: "Person 005" });
    expect(result.target).toEqual({ id: ghost, name: null });
  });
});

describe("the people pickers", () => {
  it("find anyone by any word, past the first 150 names, in a bounded number of calls", async () => {
    const { result, calls } = await countCalls(() => searchAuditUsers(admin, { q: "zylb", role: "actor" }));
    expect(result).toEqual([{ id: late.id, name: late.name, email: late.email }]);
    expect(calls + SESSION_CALLS).toBeLessThanOrEqual(BUDGET);
    // Accents and case do not matter.
    expect((await searchAuditUsers(admin, { q: "ZOE", role: "target" })).map((u) => u.id)).toEqual([late.id]);
    // A broad search offers ten and asks for more letters.
    expect(await searchAuditUsers(admin, { q: "person", role: "target" })).toHaveLength(10);
  });

  it("offer admins as actors to admins only: a manager does not see admins' entries", async () => {
    // Words outside hex, so no email's random id can start with them.
    expect((await searchAuditUsers(admin, { q: "odile", role: "actor" })).map((u) => u.id)).toEqual([admin.id]);
    expect(await searchAuditUsers(manager, { q: "odile", role: "actor" })).toEqual([]);
    // What was done to an admin by others is visible to managers, so admins are targets.
    expect((await searchAuditUsers(manager, { q: "odile", role: "target" })).map((u) => u.id)).toEqual([admin.id]);
    expect((await searchAuditUsers(manager, { q: "zoë", role: "actor" })).map((u) => u.id)).toEqual([late.id]);
  });

  it("refuse people who may not read the audit log", async () => {
    await expect(searchAuditUsers(avery, { q: "odile", role: "actor" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(searchAuditUsers({ ...manager, isActive: false }, { q: "odile", role: "target" })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
