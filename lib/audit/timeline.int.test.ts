import { randomUUID } from "node:crypto";
import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { buildAuditItem } from "@/lib/db/audit";
import { db, table } from "@/lib/db/client";
import { createProfile } from "@/lib/db/profiles";
import { useIsolatedTables } from "@/lib/db/testing/isolated-tables";
import { countCalls } from "@/lib/db/testing/sdk-middleware";
import { createUser } from "@/lib/db/users";
import { type User } from "@/lib/validation/users";
import { ForbiddenError } from "@/lib/errors";
import type { AuditAction } from "./catalogue";
import { countNewer, presentEntries, readTimeline } from "./timeline";

let admin: User;
let manager: User;
let people: User[];
const DAY = 86_400_000;
const ENTRIES = 20_000;
const now = Date.now();
// Entries fill days 2..90 back; the most recent day (yesterday) is left empty, so recency reads
// must walk across a gap.
const QUIET_DAYS = 2;

async function seed() {
  admin = await createUser({ email: `admin-${randomUUID()}@t.test`, name: "Ada Admin", role: "admin" }, { actorId: "system" });
  manager = await createUser({ email: `mgr-${randomUUID()}@t.test`, name: "Max Manager", role: "manager" }, { actorId: "system" });
  people = await Promise.all(Array.from({ length: 40 }, (_, i) => createUser({ email: `p${i}-${randomUUID()}@t.test`, name: `Person ${i}`, role: "user" }, { actorId: "system" })));
  const actions: AuditAction[] = ["auth.signed_in", "auth.signed_out", "user.deactivated", "user.reactivated"];
  const items = Array.from({ length: ENTRIES }, (_, i) => {
    const actor = i % 10 === 0 ? admin : people[i % people.length]!;
    const target = people[(i * 7) % people.length]!;
    const at = new Date(now - QUIET_DAYS * DAY - Math.floor((i / ENTRIES) * 88 * DAY) - (i % 1000));
    const action = actions[i % actions.length]!;
    const details = action === "auth.signed_in" ? { email: actor.email } : {};
    return buildAuditItem({ actorId: actor.id, actorRole: actor.role, ipAddress: "192.0.2.1", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36" }, { action, targetUserId: target.id, details } as never, at);
  });
  const chunks = Array.from({ length: Math.ceil(items.length / 25) }, (_, i) => items.slice(i * 25, i * 25 + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < chunks.length) {
        let pending: Record<string, unknown>[] = chunks[next++]!.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length) {
          const out = await db().send(new BatchWriteCommand({ RequestItems: { [table("auditLogs")]: pending as never } }));
          pending = (out.UnprocessedItems?.[table("auditLogs")] ?? []) as Record<string, unknown>[];
        }
      }
    }),
  );
}

beforeAll(async () => {
  await useIsolatedTables();
  await seed();
}, 180_000);

describe("timelines at scale", () => {
  it("reads the most recent 50 of 20,000 entries across a quiet gap in a bounded number of calls", async () => {
    const { result, calls } = await countCalls(() => readTimeline(admin, { kind: "all" }, {}, { limit: 50 }));
    expect(result.entries).toHaveLength(50);
    const stamps = result.entries.map((e) => e.timestamp);
    expect([...stamps].sort().reverse()).toEqual(stamps);
    // Bounded by the month buckets walked (this month and, at worst, the one before), never
    // by the number of entries or quiet days.
    expect(calls).toBeLessThanOrEqual(3);

    const { result: deeper, calls: deeperCalls } = await countCalls(async () => {
      let page = result;
      for (let i = 0; i < 5; i++) page = await readTimeline(admin, { kind: "all" }, {}, { limit: 50, cursor: page.nextCursor });
      return page;
    });
    expect(deeper.entries).toHaveLength(50);
    expect(deeperCalls).toBeLessThanOrEqual(5 * 3);
    expect(deeper.entries[0]!.timestamp <= result.entries.at(-1)!.timestamp).toBe(true);
  });

  it("resolves the names of a page of 50 entries with one batch read of users", async () => {
    const page = await readTimeline(admin, { kind: "all" }, {}, { limit: 50 });
    const { result, calls } = await countCalls(() => presentEntries(page.entries));
    expect(calls).toBe(1);
    const seeded = result.filter((v) => v.actor.id !== "system");
    expect(seeded.length).toBeGreaterThan(0);
    for (const view of seeded) {
      expect(view.sentence).toMatch(/^(Ada Admin|Person \d+) /);
      expect(view.device).toBe("Chrome 131 on Linux");
    }
  });

  it("filters by actor, by several actions and by date range, pages without repeats", async () => {
    const person = people[3]!;
    const byPerson = await readTimeline(admin, { kind: "all" }, { actorId: person.id, actions: ["auth.signed_in", "auth.signed_out"] }, { limit: 100 });
    expect(byPerson.entries.every((e) => e.userId === person.id && e.action.startsWith("auth."))).toBe(true);

    const from = new Date(now - 30 * DAY).toISOString();
    const to = new Date(now - 20 * DAY).toISOString();
    const ids = new Set<string>();
    let cursor: string | null = null;
    let total = 0;
    do {
      const page: Awaited<ReturnType<typeof readTimeline>> = await readTimeline(admin, { kind: "all" }, { actions: ["user.deactivated", "user.reactivated"], from, to }, { limit: 100, cursor });
      for (const e of page.entries) {
        expect(e.timestamp >= from && e.timestamp <= to).toBe(true);
        expect(["user.deactivated", "user.reactivated"]).toContain(e.action);
        expect(ids.has(e.id)).toBe(false);
        ids.add(e.id);
      }
      total += page.entries.length;
      cursor = page.nextCursor;
    } while (cursor);
    // 10 of 88 days, half the actions: about 1,136 entries.
    expect(total).toBeGreaterThan(1000);
    expect(total).toBeLessThan(1300);
  });

  it("shows a manager everything but admins' entries, and a user only their own timeline", async () => {
    const page = await readTimeline(manager, { kind: "all" }, {}, { limit: 100 });
    expect(page.entries.length).toBe(100);
    expect(page.entries.some((e) => e.userId === admin.id)).toBe(false);
    const asAdmin = await readTimeline(admin, { kind: "all" }, {}, { limit: 100 });
    expect(asAdmin.entries.some((e) => e.userId === admin.id)).toBe(true);

    const person = people[5]!;
    const own = await readTimeline(person, { kind: "user", userId: person.id }, {}, { limit: 100 });
    expect(own.entries.every((e) => e.userId === person.id || e.targetUserId === person.id)).toBe(true);
    await expect(readTimeline(person, { kind: "all" }, {}, {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(readTimeline(person, { kind: "user", userId: people[6]!.id }, {}, {})).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("counts entries newer than the top of the page", async () => {
    const top = (await readTimeline(admin, { kind: "all" }, {}, { limit: 1 })).entries[0]!;
    expect(await countNewer(admin, { kind: "all" }, {}, top.timestamp)).toBe(0);
    const profile = await createProfile(people[0]!.id, { name: "Work Profile", type: "professional", customFields: {} }, { actorId: admin.id, actorRole: "admin" });
    expect(await countNewer(admin, { kind: "all" }, {}, top.timestamp)).toBe(1);
    const [view] = await presentEntries((await readTimeline(admin, { kind: "all" }, {}, { limit: 1 })).entries);
    expect(view!.sentence).toBe("Ada Admin created Person 0's profile “Work Profile”");
    expect(profile.name).toBe("Work Profile");
  });
});
