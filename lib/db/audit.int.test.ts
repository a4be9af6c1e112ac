import { randomUUID } from "node:crypto";
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { appendAudit, auditPut, listAuditByActor, listAuditByTarget, listRecentAudit } from "./audit";
import { db, table } from "./client";
import { useIsolatedTables } from "./testing/isolated-tables";
import { aroundRequests, countCalls } from "./testing/sdk-middleware";
import { transact } from "./transact";

const fail = (codes: string[]) => new Error(codes.join(","));

async function writeAt(actorId: string, at: Date, targetUserId?: string) {
  await transact([auditPut({ actorId }, { action: "auth.signed_out", details: {}, ...(targetUserId ? { targetUserId } : {}) }, at)], fail);
}

// Recency reads see every entry of the table: this file's tables are its own.
beforeAll(async () => {
  await useIsolatedTables();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("audit repository", () => {
  it("refuses actions outside the catalogue and details of the wrong shape", async () => {
    await expect(appendAudit({ actorId: "x" }, { action: "user.exploded" as never, details: {} as never })).rejects.toThrow(/Unknown audit action/);
    await expect(appendAudit({ actorId: "x" }, { action: "auth.sign_in_failed", details: { email: "a@b.c", reason: "nope" as never } })).rejects.toThrow();
  });

  it("writes an entry's daily counter after the caller's items, on a shard chosen again when the transaction is retried", async () => {
    const marker = { key: `marker-${randomUUID()}` };
    const sent: Array<Array<Record<string, { TableName?: string; Key?: { key?: string } }>>> = [];
    // A conflict on the first attempt, as when another transaction touched the same items.
    const remove = aroundRequests(async (input, send) => {
      if (!input.TransactItems) return send(input);
      sent.push(structuredClone(input.TransactItems) as never);
      if (sent.length > 1) return send(input);
      throw new TransactionCanceledException({ message: "conflict", $metadata: {}, CancellationReasons: [{ Code: "None" }, { Code: "TransactionConflict" }, { Code: "None" }] });
    });
    let draw = 0;
    vi.spyOn(Math, "random").mockImplementation(() => (draw++ * 0.37) % 1);
    try {
      await transact([{ Put: { TableName: table("counters"), Item: marker } }, auditPut({ actorId: "x" }, { action: "auth.signed_out", details: {} })], fail);
    } finally {
      remove();
    }

    expect(sent).toHaveLength(2);
    for (const items of sent) {
      expect(items.map((item) => Object.keys(item)[0])).toEqual(["Put", "Put", "Update"]);
      expect(items[1]!.Put!.TableName).toBe(table("auditLogs"));
    }
    expect(sent[0]![2]!.Update!.Key!.key).not.toBe(sent[1]![2]!.Update!.Key!.key);
    expect((await db().send(new GetCommand({ TableName: table("counters"), Key: marker }))).Item).toEqual(marker);
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
