import { randomUUID } from "node:crypto";
import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import { ConflictError } from "@/lib/errors";
import { listAuditByAction, listAuditByTarget } from "./audit";
import { db, table } from "./client";
import { InvalidCursorError } from "./cursor";
import { INDEX } from "./tables";
import { alterRequests } from "./testing/sdk-middleware";
import { listUsers } from "./user-directory";
import { getCredentialsByEmail } from "./user-sign-in";
import { createUser, getUser, getUserByEmail, getUsersByIds, setUserActive, updateUser } from "./users";

const ctx = { actorId: "test-actor", ipAddress: "203.0.113.7", userAgent: "vitest" };
const uniqueEmail = (tag: string) => `${tag}-${randomUUID()}@example.com`;
const newUser = (email = uniqueEmail("user"), role: "admin" | "manager" | "user" = "user") =>
  createUser({ email, name: "Test User", role, passwordHash: "$argon2id$fake" }, ctx);

async function guardFor(email: string) {
  const out = await db().send(new GetCommand({ TableName: table("userEmails"), Key: { email }, ConsistentRead: true }));
  return out.Item;
}

async function usersWithEmail(email: string) {
  const out = await db().send(
    new QueryCommand({ TableName: table("users"), IndexName: INDEX.users.email, KeyConditionExpression: "email = :e", ExpressionAttributeValues: { ":e": email } }),
  );
  return out.Items ?? [];
}

async function auditFor(targetUserId: string) {
  return (await listAuditByTarget(targetUserId, { limit: 100 })).items;
}

/** Fault injection through SDK middleware on the real client, removed after each test. */
const removers: Array<() => void> = [];
function failAuditWrites() {
  removers.push(
    alterRequests((input) => {
      const items = (input.TransactItems ?? []) as Array<{ Put?: { TableName?: string; ConditionExpression?: string } }>;
      for (const item of items) {
        // A condition that can never hold makes DynamoDB cancel the whole transaction.
        if (item.Put?.TableName === table("auditLogs")) item.Put.ConditionExpression = "attribute_exists(id)";
      }
    }),
  );
}
afterEach(() => {
  while (removers.length) removers.pop()?.();
});

describe("users repository", () => {
  it("stores emails trimmed and lower-cased and finds users by email through the guard", async () => {
    const raw = `  Mixed.Case-${randomUUID()}@Example.COM `;
    const user = await createUser({ email: raw, name: "Case", role: "user" }, ctx);
    expect(user.email).toBe(raw.trim().toLowerCase());
    expect(await getUserByEmail(raw.toUpperCase())).toEqual(user);
    expect(await guardFor(user.email)).toEqual({ email: user.email, userId: user.id });
  });

  it("lets exactly one of 20 concurrent creates with the same email (any case) win", async () => {
    const email = uniqueEmail("race");
    const variants = Array.from({ length: 20 }, (_, i) => (i % 2 ? email.toUpperCase() : email.replace(/^r/, "R")));
    const results = await Promise.allSettled(variants.map((e) => createUser({ email: e, name: "Racer", role: "user" }, ctx)));

    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const r of lost) {
      expect(r.reason).toBeInstanceOf(ConflictError);
      expect((r.reason as ConflictError).field).toBe("email");
    }
    expect(await usersWithEmail(email)).toHaveLength(1);
    const winner = (won[0] as PromiseFulfilledResult<{ id: string }>).value;
    expect(await guardFor(email)).toEqual({ email, userId: winner.id });
    const created = (await listAuditByAction("user.created", { limit: 100 })).items.filter((e) => e.details.email === email);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ userId: ctx.actorId, targetUserId: winner.id, ipAddress: ctx.ipAddress, userAgent: ctx.userAgent });
  });

  it("never returns the password hash from page reads", async () => {
    const user = await newUser();
    const read = await getUser(user.id);
    expect(read).not.toHaveProperty("passwordHash");
    const listed = await getUsersByIds([user.id]);
    expect(listed.get(user.id)).not.toHaveProperty("passwordHash");
    expect((await getCredentialsByEmail(user.email))?.passwordHash).toBe("$argon2id$fake");
  });

  it("updates with the version it read and audits dotted-path changes in the same write", async () => {
    const user = await newUser();
    const updated = await updateUser(user.id, user.version, { name: "Renamed", role: "manager" }, ctx);
    expect(updated).toMatchObject({ name: "Renamed", role: "manager", version: 2 });
    expect(await getUser(user.id, { consistent: true })).toEqual(updated);

    const entries = await auditFor(user.id);
    const update = entries.find((e) => e.action === "user.updated");
    expect(update?.details).toEqual({
      changes: { name: { from: "Test User", to: "Renamed" }, role: { from: "user", to: "manager" } },
      affectedFields: ["name", "role"],
    });
    expect(entries.find((e) => e.action === "user.role_changed")?.details).toEqual({ from: "user", to: "manager" });
  });

  it("refuses an update with a stale version and changes nothing, audit included", async () => {
    const user = await newUser();
    await updateUser(user.id, user.version, { name: "First edit" }, ctx);
    const before = await auditFor(user.id);

    await expect(updateUser(user.id, user.version, { name: "Stale edit" }, ctx)).rejects.toBeInstanceOf(ConflictError);
    expect((await getUser(user.id, { consistent: true }))?.name).toBe("First edit");
    expect(await auditFor(user.id)).toHaveLength(before.length);
  });

  it("swaps the email guard on an email change and refuses an email that is taken", async () => {
    const a = await newUser();
    const b = await newUser();
    const newEmail = uniqueEmail("moved");
    const moved = await updateUser(a.id, a.version, { email: newEmail }, ctx);
    expect(await guardFor(a.email)).toBeUndefined();
    expect(await guardFor(newEmail)).toEqual({ email: newEmail, userId: a.id });

    const attempt = updateUser(b.id, b.version, { email: newEmail.toUpperCase() }, ctx);
    await expect(attempt).rejects.toMatchObject({ field: "email" });
    expect((await getUser(b.id, { consistent: true }))?.email).toBe(b.email);
    expect(await guardFor(b.email)).toEqual({ email: b.email, userId: b.id });
    expect(moved.version).toBe(2);
  });

  it("deactivates and reactivates with an audit entry for each", async () => {
    const user = await newUser();
    const off = await setUserActive(user.id, user.version, false, ctx);
    expect(off.isActive).toBe(false);
    const on = await setUserActive(user.id, off.version, true, ctx);
    expect(on.isActive).toBe(true);
    const actions = (await auditFor(user.id)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["user.created", "user.deactivated", "user.reactivated"]));
  });

  it("writes neither the change nor the entry when the audit write fails inside the transaction", async () => {
    const user = await newUser();
    const entriesBefore = await auditFor(user.id);
    failAuditWrites();

    await expect(updateUser(user.id, user.version, { name: "Never stored" }, ctx)).rejects.toThrow();
    await expect(setUserActive(user.id, user.version, false, ctx)).rejects.toThrow();
    const orphanEmail = uniqueEmail("orphan");
    await expect(createUser({ email: orphanEmail, name: "Orphan", role: "user" }, ctx)).rejects.toThrow();

    expect(await getUser(user.id, { consistent: true })).toEqual(user);
    expect(await auditFor(user.id)).toHaveLength(entriesBefore.length);
    expect(await guardFor(orphanEmail)).toBeUndefined();
    expect(await usersWithEmail(orphanEmail)).toHaveLength(0);
  });

  it("pages through a role with an opaque cursor and rejects a tampered one", async () => {
    const role = "manager" as const;
    for (let i = 0; i < 3; i++) await newUser(uniqueEmail("pager"), role);
    const first = await listUsers({ role }, { limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.items.every((u) => u.role === role)).toBe(true);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await listUsers({ role }, { limit: 2, cursor: first.nextCursor });
    expect(second.items.map((u) => u.id)).not.toContain(first.items[0]!.id);
    // Newest first, across pages.
    expect(first.items[1]!.createdAt >= (second.items[0]?.createdAt ?? "")).toBe(true);

    const [payload, mac] = first.nextCursor!.split(".");
    const forged = `${Buffer.from(JSON.stringify({ id: "x", role: "admin", createdAt: "2099" })).toString("base64url")}.${mac}`;
    await expect(listUsers({ role }, { cursor: forged })).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(listUsers({ role: "admin" }, { cursor: `${payload}.${mac}` })).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(listUsers({}, { cursor: "not-a-cursor" })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});
