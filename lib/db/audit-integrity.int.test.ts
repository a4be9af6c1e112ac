import { randomUUID } from "node:crypto";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { appendAudit, auditPut, listAuditByActor, verifyAuditRange } from "./audit";
import { dailyActivity } from "./audit-stats";
import { db, table } from "./client";
import { useIsolatedTables } from "./testing/isolated-tables";
import { transact } from "./transact";

// Whole-table reads (verification, daily counts): this file's tables are its own.
beforeAll(async () => {
  await useIsolatedTables();
});

const fail = (codes: string[]) => new Error(codes.join(","));

describe("audit integrity and daily counts", () => {
  it("reports exactly the entry changed behind the app's back", async () => {
    const actor = `actor-${randomUUID()}`;
    for (let i = 0; i < 5; i++) await appendAudit({ actorId: actor, actorRole: "user", ipAddress: "198.51.100.1" }, { action: "auth.signed_out", details: {} });
    const entries = (await listAuditByActor(actor)).items;
    const from = new Date(Date.now() - 60_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    expect(await verifyAuditRange(from, to)).toEqual({ checked: 5, mismatched: [] });

    const victim = entries[2]!;
    await db().send(
      new UpdateCommand({ TableName: table("auditLogs"), Key: { id: victim.id }, UpdateExpression: "SET ipAddress = :ip", ExpressionAttributeValues: { ":ip": "10.0.0.1" } }),
    );
    expect(await verifyAuditRange(from, to)).toEqual({ checked: 5, mismatched: [{ id: victim.id, action: "auth.signed_out", timestamp: victim.timestamp }] });
  });

  it("counts entries per day and action group in the same transactions, across shards", async () => {
    const day = (offset: number) => new Date(Date.now() - offset * 86_400_000);
    const ctx = { actorId: "counter-test" };
    const before = await dailyActivity(30);
    await Promise.all(
      Array.from({ length: 12 }, () => transact([auditPut(ctx, { action: "auth.signed_out", details: {} }, day(0))], fail)),
    );
    await transact(
      [
        auditPut(ctx, { action: "user.deactivated", details: {} }, day(3)),
        auditPut(ctx, { action: "user.reactivated", details: {} }, day(3)),
        auditPut(ctx, { action: "file.deleted", details: { fileId: "f", name: "n", purpose: "document" } }, day(3)),
      ],
      fail,
    );
    const chart = await dailyActivity(30);
    expect(chart).toHaveLength(30);
    expect(chart.at(-1)!["sign-ins"] - before.at(-1)!["sign-ins"]).toBe(12);
    expect(chart.at(-1)!.users).toBe(before.at(-1)!.users);
    expect(chart.at(-4)).toMatchObject({ users: 2, files: 1, "sign-ins": 0, profiles: 0 });
    expect(chart.slice(0, 26).every((d) => d.users + d.files + d.profiles + d["sign-ins"] === 0)).toBe(true);
  });
});
