// The "invited" status (issue #15 point 3): a user created with an invite is invited until they
// set a password or first sign in, and the counts per role × status, the status filter (list and
// search) and the word index follow in the same transactions; resending replaces the link; and
// "previous sign-in" is kept with each sign-in. In tables of this file's own (counts are global).
import { randomUUID } from "node:crypto";
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { verifySignIn } from "@/lib/auth/sign-in";
import { verifySsoSignIn } from "@/lib/auth/sso";
import type { SsoProvider } from "@/lib/env";
import { ThrottledError, ValidationError } from "@/lib/errors";
import { userStatus } from "@/lib/validation/users";
import { listAuditByTarget } from "./audit";
import { db, table } from "./client";
import { consumeInvite, findInvite, newInvite, resendInvite } from "./invites";
import { getSignedIn } from "./sessions";
import { useIsolatedTables } from "./testing/isolated-tables";
import { countUsers, listUsers } from "./user-directory";
import { rebuildUserSearch } from "./user-search-rebuild";
import { createUser, getUser, setUserActive, updateUser } from "./users";

const ctx = { actorId: "inviter", ipAddress: "192.0.2.1", userAgent: "vitest" };
const PASSWORD = "correct horse battery staple";

beforeAll(async () => {
  await useIsolatedTables();
});

async function invite(name = "Ivy Invitee", role: "user" | "manager" = "user") {
  const id = randomUUID();
  const link = newInvite(id, "invite");
  const user = await createUser({ email: `ivy-${id}@invited.test`, name, role }, ctx, { id, invite: link.put, inviteExpiresAt: link.expiresAt });
  return { user, link };
}

/** Every role × status count, from the counters. */
async function counts() {
  const out: Record<string, number> = {};
  for (const role of ["admin", "manager", "user"] as const) {
    for (const status of ["active", "invited", "inactive"] as const) out[`${role}:${status}`] = (await countUsers({ role, status })).n;
  }
  return out;
}

const ids = async (filter: Parameters<typeof listUsers>[0]) => (await listUsers(filter, { limit: 100 })).items.map((u) => u.id);

/** Lets the next resend through: the invite looks two minutes old. */
async function ageInvite(userId: string) {
  await db().send(
    new UpdateCommand({
      TableName: table("invites"),
      Key: { userId },
      UpdateExpression: "SET issuedAt = :old",
      ExpressionAttributeValues: { ":old": new Date(Date.now() - 120_000).toISOString() },
    }),
  );
}

describe("the invited status", () => {
  it("is the status of a user created with an invite, counted, filtered and searched as such", async () => {
    const before = await counts();
    const { user } = await invite("Ivy Pending");
    expect(user.invitedAt).toEqual(expect.any(String));
    expect(userStatus(user)).toBe("invited");
    expect(await counts()).toEqual({ ...before, "user:invited": before["user:invited"]! + 1 });

    expect(await ids({ status: "invited" })).toContain(user.id);
    expect(await ids({ status: "active" })).not.toContain(user.id);
    expect(await ids({ status: "invited", sort: "name" })).toContain(user.id);
    expect(await ids({ q: "pending", status: "invited" })).toEqual([user.id]);
    expect(await ids({ q: "pending", status: "active" })).toEqual([]);
    expect((await countUsers({ q: "pending", status: "invited" })).n).toBe(1);

    // A user created with a password (an import, the first-run admin's --password) is active.
    const direct = await createUser({ email: `direct-${randomUUID()}@invited.test`, name: "Dana Direct", role: "user", passwordHash: "h" }, ctx);
    expect(userStatus(direct)).toBe("active");
  });

  it("becomes active in the transaction that sets the password from the link", async () => {
    const { user, link } = await invite("Ivy Activates");
    const before = await counts();
    await consumeInvite(link.token, await hashPassword(PASSWORD), { ipAddress: "192.0.2.9" });
    const after = await getUser(user.id, { consistent: true });
    expect(after?.invitedAt).toBeUndefined();
    expect(userStatus(after!)).toBe("active");
    expect(await counts()).toEqual({ ...before, "user:invited": before["user:invited"]! - 1, "user:active": before["user:active"]! + 1 });
    expect(await ids({ q: "activates", status: "active" })).toEqual([user.id]);
    expect(await ids({ q: "activates", status: "invited" })).toEqual([]);
  });

  it("becomes active on a first sign-in through single sign-on, and counts stay exact", async () => {
    const { user } = await invite("Ivy Sso");
    const before = await counts();
    const okta: SsoProvider = { id: "okta", name: "Okta", issuer: "https://example.okta.com", clientId: "c", clientSecret: "s", trustEmail: false };
    const result = await verifySsoSignIn(okta, { sub: randomUUID(), email: user.email, email_verified: true }, { ipAddress: "192.0.2.5", userAgent: "vitest" });
    expect(result).toMatchObject({ ok: true });
    expect((await getUser(user.id, { consistent: true }))?.invitedAt).toBeUndefined();
    expect(await counts()).toEqual({ ...before, "user:invited": before["user:invited"]! - 1, "user:active": before["user:active"]! + 1 });
  });

  it("gives way to deactivation and comes back with reactivation; a role change moves the invited count", async () => {
    const { user } = await invite("Ivy Paused");
    const before = await counts();
    const off = await setUserActive(user.id, user.version, false, ctx);
    expect(userStatus(off)).toBe("inactive");
    expect(await counts()).toEqual({ ...before, "user:invited": before["user:invited"]! - 1, "user:inactive": before["user:inactive"]! + 1 });
    const on = await setUserActive(user.id, off.version, true, ctx);
    expect(userStatus(on)).toBe("invited");
    const promoted = await updateUser(user.id, on.version, { role: "manager" }, ctx);
    expect(userStatus(promoted)).toBe("invited");
    expect(await counts()).toEqual({ ...before, "user:invited": before["user:invited"]! - 1, "manager:invited": before["manager:invited"]! + 1 });
  });

  it("is counted the same by a rebuild from the users table as by the transactions", async () => {
    const kept = await counts();
    await rebuildUserSearch();
    expect(await counts()).toEqual(kept);
  });
});

describe("resending an invitation", () => {
  it("replaces the link (the old one stops working), is audited, and waits a minute between two", async () => {
    const { user, link } = await invite("Ivy Resent");
    // Just invited: a resend at once is refused (the invite was issued seconds ago).
    await expect(resendInvite(user.id, ctx)).rejects.toBeInstanceOf(ThrottledError);
    expect(await findInvite(link.token)).toMatchObject({ userId: user.id, kind: "invite" });

    await ageInvite(user.id);
    const fresh = await resendInvite(user.id, ctx);
    expect(await findInvite(link.token)).toBeNull();
    expect(await findInvite(fresh.token)).toMatchObject({ userId: user.id, kind: "invite", expiresAt: fresh.expiresAt });
    const entries = (await listAuditByTarget(user.id)).items.filter((e) => e.action === "user.invite_resent");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ userId: "inviter", details: { expiresAt: fresh.expiresAt } });
    await expect(resendInvite(user.id, ctx)).rejects.toBeInstanceOf(ThrottledError);

    await expect(consumeInvite(link.token, "h-old", {})).rejects.toBeInstanceOf(ValidationError);
    await consumeInvite(fresh.token, "h-new", {});
    expect(userStatus((await getUser(user.id, { consistent: true }))!)).toBe("active");
  });

  it("is refused once they have set a password, and for a deactivated invitee, with nothing written", async () => {
    const { user, link } = await invite("Ivy Done");
    await consumeInvite(link.token, "h", {});
    await ageInvite(user.id);
    await expect(resendInvite(user.id, ctx)).rejects.toBeInstanceOf(ValidationError);

    const other = await invite("Ivy Off");
    await setUserActive(other.user.id, other.user.version, false, ctx);
    await ageInvite(other.user.id);
    await expect(resendInvite(other.user.id, ctx)).rejects.toBeInstanceOf(ValidationError);
    expect((await listAuditByTarget(other.user.id)).items.map((e) => e.action)).not.toContain("user.invite_resent");
  });
});

describe("previous sign-in", () => {
  it("keeps the sign-in before the last one, and each session sees the one before its own", async () => {
    const user = await createUser({ email: `prev-${randomUUID()}@invited.test`, name: "Pat Previous", role: "user", passwordHash: await hashPassword(PASSWORD) }, ctx);
    const request = () => ({ ipAddress: `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 8)}`, userAgent: "vitest" });
    const first = await verifySignIn(user.email, PASSWORD, request());
    if (!first.ok) throw new Error("first sign-in refused");
    const afterFirst = (await db().send(new GetCommand({ TableName: table("users"), Key: { id: user.id }, ConsistentRead: true }))).Item!;
    expect(afterFirst.previousSignInAt).toBeUndefined();
    expect((await getSignedIn(user.id, first.sessionSecret))?.signInBefore).toBeUndefined();

    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await verifySignIn(user.email, PASSWORD, request());
    if (!second.ok) throw new Error("second sign-in refused");
    const afterSecond = (await db().send(new GetCommand({ TableName: table("users"), Key: { id: user.id }, ConsistentRead: true }))).Item!;
    expect(afterSecond.previousSignInAt).toBe(afterFirst.lastSignInAt);
    expect(afterSecond.lastSignInAt > afterFirst.lastSignInAt).toBe(true);
    // The second session: the sign-in before it is the first one.
    expect((await getSignedIn(user.id, second.sessionSecret))?.signInBefore).toBe(afterFirst.lastSignInAt);
    // The first session: someone signed in after it, and that is what it is shown.
    expect((await getSignedIn(user.id, first.sessionSecret))?.signInBefore).toBe(afterSecond.lastSignInAt);
  });
});
