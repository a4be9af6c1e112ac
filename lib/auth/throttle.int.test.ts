import { randomUUID } from "node:crypto";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { listAuditByAction, listAuditByTarget } from "@/lib/db/audit";
import { db, table } from "@/lib/db/client";
import { createUser } from "@/lib/db/users";
import { env } from "@/lib/env";
import { hashPassword } from "./password";
import { verifySignIn } from "./sign-in";

const PASSWORD = "correct horse battery staple";
const address = () => `203.0.113.${Math.floor(Math.random() * 250)}`;

async function account() {
  const email = `flood-${randomUUID()}@example.com`;
  return createUser({ email, name: "Flooded", role: "user", passwordHash: await hashPassword(PASSWORD) }, { actorId: "test" });
}

function windowMs(): number {
  return env().SIGN_IN_WINDOW_MINUTES * 60_000;
}

async function inBatches(total: number, size: number, attempt: (i: number) => Promise<unknown>): Promise<unknown[]> {
  const results: unknown[] = [];
  for (let i = 0; i < total; i += size) results.push(...(await Promise.all(Array.from({ length: Math.min(size, total - i) }, (_, j) => attempt(i + j)))));
  return results;
}

async function refusedSummaries(subject: string) {
  return (await listAuditByAction("auth.attempts_refused", { limit: 100 })).items.filter((e) => e.details.subject === subject);
}

describe("an unauthenticated flood of sign-ins", () => {
  it("writes a bounded number of audit entries: the failures under the limit, then one for the first refusal", async () => {
    const user = await account();
    const ctx = { ipAddress: address(), userAgent: "flood" };
    const max = env().SIGN_IN_MAX_FAILURES_PER_EMAIL;

    // Under the limit, one at a time, each failure is audited; past it, 200 more in parallel bursts.
    for (let i = 0; i < max; i++) expect(await verifySignIn(user.email, `wrong ${i}`, ctx)).toEqual({ ok: false, reason: "invalid" });
    const results = await inBatches(200, 20, (i) => verifySignIn(user.email, i % 2 ? PASSWORD : `wrong ${i}`, ctx));
    expect(results.every((r) => (r as { reason?: string }).reason === "throttled")).toBe(true);

    const entries = (await listAuditByTarget(user.id, { limit: 100 })).items.filter((e) => e.action === "auth.sign_in_failed");
    expect(entries.filter((e) => e.details.reason === "bad_credentials")).toHaveLength(max);
    expect(entries.filter((e) => e.details.reason === "throttled")).toHaveLength(1);
    expect(entries).toHaveLength(max + 1);
  });

  it("folds a window's refusals into one entry with their count, written once by the next window's first attempt", async () => {
    const user = await account();
    const ctx = { ipAddress: address(), userAgent: "flood" };
    const max = env().SIGN_IN_MAX_FAILURES_PER_EMAIL;
    // The flood happens in the window before this one, so that now is its next window.
    const earlier = new Date(Date.now() - windowMs());
    for (let i = 0; i < max; i++) await verifySignIn(user.email, `wrong ${i}`, ctx, earlier);
    await inBatches(60, 15, () => verifySignIn(user.email, "wrong", ctx, earlier));
    expect(await refusedSummaries(user.email)).toHaveLength(0);

    // Several servers take the next window's first attempts at once: one summary between them.
    const now = await inBatches(4, 4, () => verifySignIn(user.email, PASSWORD, { ipAddress: address(), userAgent: "later" }));
    expect(now.some((r) => (r as { ok: boolean }).ok)).toBe(true);
    const [summary, ...others] = await refusedSummaries(user.email);
    expect(others).toHaveLength(0);
    expect(summary).toMatchObject({
      userId: "system",
      details: { attempt: "sign-in", scope: "email", subject: user.email, count: 60 },
    });
    const windowStart = Math.floor(earlier.getTime() / windowMs()) * windowMs();
    expect(summary!.details).toMatchObject({ from: new Date(windowStart).toISOString(), until: new Date(windowStart + windowMs()).toISOString() });

    // Later attempts find the window already folded.
    await verifySignIn(user.email, "wrong again", ctx);
    expect(await refusedSummaries(user.email)).toHaveLength(1);
  });

  it("folds an address's refusals across many emails into one summary per window", async () => {
    const ctx = { ipAddress: `${address()}-${randomUUID().slice(0, 6)}`, userAgent: "spray" };
    const earlier = new Date(Date.now() - windowMs());
    const maxIp = env().SIGN_IN_MAX_FAILURES_PER_IP;
    await inBatches(maxIp, 10, (i) => verifySignIn(`spray-${i}-${randomUUID()}@example.com`, "guess", ctx, earlier));
    await inBatches(40, 20, (i) => verifySignIn(`spray-late-${i}-${randomUUID()}@example.com`, "guess", ctx, earlier));
    await verifySignIn(`next-${randomUUID()}@example.com`, "guess", ctx);
    expect(await refusedSummaries(ctx.ipAddress)).toEqual([expect.objectContaining({ details: expect.objectContaining({ scope: "ip", count: 40 }) })]);
  });

  it("keeps its counters only through the next window, then TTL removes them", async () => {
    const email = `ttl-${randomUUID()}@example.com`;
    const now = new Date();
    await verifySignIn(email, "wrong", { ipAddress: address() }, now);
    const index = Math.floor(now.getTime() / windowMs());
    const out = await db().send(new GetCommand({ TableName: table("rateLimits"), Key: { key: `sign-in#email#${email}#${index}` }, ConsistentRead: true }));
    expect(out.Item).toMatchObject({ attempts: 1, expiresAtEpoch: ((index + 2) * windowMs()) / 1000 });
  });
});
