import { randomUUID } from "node:crypto";
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { listAuditByTarget } from "./audit";
import { db, table } from "./client";
import { consumeInvite, findInvite, issuePasswordReset, newInvite } from "./invites";
import { createUser, setUserActive } from "./users";

const ctx = { actorId: "inviter", ipAddress: "192.0.2.1", userAgent: "vitest" };

async function invited() {
  const id = randomUUID();
  const invite = newInvite(id, "invite");
  const user = await createUser({ email: `invitee-${id}@example.com`, name: "Invitee", role: "user" }, ctx, { id, invite: invite.put, inviteExpiresAt: invite.expiresAt });
  return { user, invite };
}

/** The hash as stored: in the credentials item, never on the user item. */
async function storedHash(userId: string) {
  const user = await db().send(new GetCommand({ TableName: table("users"), Key: { id: userId }, ConsistentRead: true }));
  expect(user.Item && Object.hasOwn(user.Item, "passwordHash")).toBe(false);
  const out = await db().send(new GetCommand({ TableName: table("credentials"), Key: { userId }, ConsistentRead: true }));
  return out.Item?.passwordHash as string | undefined;
}

describe("invites", () => {
  it("creates the user with a 72-hour link and audits both in one transaction", async () => {
    const { user, invite } = await invited();
    const hours = (Date.parse(invite.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThanOrEqual(72);
    expect(await findInvite(invite.token)).toEqual({ userId: user.id, kind: "invite", expiresAt: invite.expiresAt });
    const actions = (await listAuditByTarget(user.id)).items.map((e) => e.action).sort();
    expect(actions).toEqual(["user.created", "user.invited"]);
  });

  it("sets the password once; a second use, a wrong secret and an expired link change nothing", async () => {
    const { user, invite } = await invited();
    const [userId] = invite.token.split(".");
    expect(await findInvite(`${userId}.${"A".repeat(43)}`)).toBeNull();
    expect(await findInvite("garbage")).toBeNull();

    await consumeInvite(invite.token, "hash-1", { ipAddress: "192.0.2.9" });
    expect(await storedHash(user.id)).toBe("hash-1");
    await expect(consumeInvite(invite.token, "hash-2", {})).rejects.toBeInstanceOf(ValidationError);
    expect(await storedHash(user.id)).toBe("hash-1");
    const set = (await listAuditByTarget(user.id)).items.filter((e) => e.action === "user.password_set");
    expect(set).toHaveLength(1);
    expect(set[0]).toMatchObject({ userId: user.id, ipAddress: "192.0.2.9", details: { via: "invite" } });

    const other = await invited();
    await db().send(
      new UpdateCommand({
        TableName: table("invites"),
        Key: { userId: other.user.id },
        UpdateExpression: "SET expiresAtEpoch = :past",
        ExpressionAttributeValues: { ":past": Math.floor(Date.now() / 1000) - 1 },
      }),
    );
    expect(await findInvite(other.invite.token)).toBeNull();
    await expect(consumeInvite(other.invite.token, "hash-3", {})).rejects.toBeInstanceOf(ValidationError);
    expect(await storedHash(other.user.id)).toBeUndefined();
  });

  it("lets only one of two racing submissions of the same link win", async () => {
    const { user, invite } = await invited();
    const results = await Promise.allSettled([consumeInvite(invite.token, "hash-a", {}), consumeInvite(invite.token, "hash-b", {})]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(["hash-a", "hash-b"]).toContain(await storedHash(user.id));
  });

  it("revokes the old link when a reset link is issued, and refuses links for inactive users", async () => {
    const { user, invite } = await invited();
    const reset = await issuePasswordReset(user.id, ctx);
    expect(await findInvite(invite.token)).toBeNull();
    expect(await findInvite(reset.token)).toMatchObject({ userId: user.id, kind: "reset" });
    expect((await listAuditByTarget(user.id)).items.map((e) => e.action)).toContain("user.password_reset_issued");

    const off = await setUserActive(user.id, user.version, false, ctx);
    expect(off.isActive).toBe(false);
    await expect(issuePasswordReset(user.id, ctx)).rejects.toBeInstanceOf(ValidationError);
    await expect(consumeInvite(reset.token, "hash-x", {})).rejects.toBeInstanceOf(ValidationError);
    expect(await storedHash(user.id)).toBeUndefined();
  });
});
