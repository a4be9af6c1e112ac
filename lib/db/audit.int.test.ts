import { randomUUID } from "node:crypto";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { appendAudit, auditPut, listAuditByActor, listAuditByTarget, listRecentAudit } from "./audit";
import { db, table } from "./client";
import { useIsolatedTables } from "./testing/isolated-tables";
import { countCalls } from "./testing/sdk-middleware";
import { transact } from "./transact";

const fail = (codes: string[]) => new Error(codes.join(","));

async function writeAt(actorId: string, at: Date, targetUserId?: string) {
  await transact([auditPut({ actorId }, { action: "auth.signed_out", details: {}, ...(targetUserId ? { targetUserId } : {}) }, at)], fail);
}

// Recency reads see every entry of the table: this file's tables are its own.
beforeAll(async () => {
  await useIsolatedTables();
});

describe("audit repository", () => {
  it("refuses actions outside the catalogue and details of the wrong shape", async () => {
    await expect(appendAudit({ actorId: "x" }, { action: "user.exploded" as never, details: {} as never })).rejects.toThrow(/Unknown audit action/);
    await expect(appendAudit({ actorId: "x" }, { action: "auth.sign_in_failed", details: { email: "a@b.c", reason: "nope" as never } })).rejects.toThrow();
  });

  it("lists an actor's and a target's entries newest first, within a time range", async () => {
    const actor = `actor-${randomUUID()}`;
    const target = `target-${randomUUID()}`;
    const days = [1, 2, 3].map((d) => new Date(Date.UTC(2026, 0, d, 12)));
    for (const day of days) await writeAt(actor, day, target);

    const byActor = await listAuditByActor(actor);
    expect(byActor.items.map((e) => e.timestamp)).toEqual(days.map((d) => d.toISOString()).reverse());
    const ranged = await listAuditByTarget(target, { from: "2026-01-02T00:00:00.000Z", to: "2026-01-02T23:59:59.999Z" });
    expect(ranged.items.map((e) => e.timestamp)).toEqual([days[1]!.toISOString()]);
  });

  it("hides entries past retention even before TTL deletes them", async () => {
    const actor = `expired-${randomUUID()}`;
    await writeAt(actor, new Date());
    const [entry] = (await listAuditByActor(actor)).items;
    await db().send(
      new UpdateCommand({ TableName: table("auditLogs"), Key: { id: entry!.id }, UpdateExpression: "SET expiresAtEpoch = :past", ExpressionAttributeValues: { ":past": 1_000 } }),
    );
    expect((await listAuditByActor(actor)).items).toEqual([]);
  });

  it("reads the most recent entries across month buckets with a bounded number of calls", async () => {
    const now = Date.now();
    const marker = `recent-${randomUUID()}`;
    // Two entries now, one about 70 days ago: two quiet months lie in between.
    await writeAt(marker, new Date(now - 1_000));
    await writeAt(marker, new Date(now - 2_000));
    await writeAt(marker, new Date(now - 70 * 86_400_000));

    const { result, calls } = await countCalls(() => listRecentAudit({ limit: 100 }));
    const mine = result.items.filter((e) => e.userId === marker);
    expect(mine).toHaveLength(3);
    expect(result.nextCursor).toBeNull();
    const stamps = result.items.map((e) => e.timestamp);
    expect([...stamps].sort().reverse()).toEqual(stamps);
    // One Query per month back to the retention horizon at most (365 days: 13 months).
    expect(calls).toBeLessThanOrEqual(14);

    const firstPage = await listRecentAudit({ limit: 1 });
    expect(firstPage.items).toHaveLength(1);
    const secondPage = await listRecentAudit({ limit: 1, cursor: firstPage.nextCursor });
    expect(secondPage.items[0]!.timestamp <= firstPage.items[0]!.timestamp).toBe(true);
    expect(secondPage.items[0]!.id).not.toBe(firstPage.items[0]!.id);
  });
});
