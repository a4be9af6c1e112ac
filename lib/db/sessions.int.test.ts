import { randomUUID } from "node:crypto";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { verifySignIn } from "@/lib/auth/sign-in";
import { NotFoundError } from "@/lib/errors";
import { listAuditByTarget } from "./audit";
import { db, table } from "./client";
import { consumeInvite, issuePasswordReset } from "./invites";
import { endSession, getSignedIn, listSessions, newSession, revokeAllSessions, revokeSession, sessionIdOf, TOUCH_INTERVAL_MS, touchSession } from "./sessions";
import { countCalls } from "./testing/sdk-middleware";
import { recordSignIn } from "./user-sign-in";
import { createUser, getUser, setUserActive } from "./users";

const PASSWORD = "a session test password";
const ctx = () => ({ ipAddress: `192.0.2.${Math.floor(Math.random() * 250)}`, userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36" });

async function account() {
  return createUser({ email: `session-${randomUUID()}@example.com`, name: "Session Holder", role: "user", passwordHash: await hashPassword(PASSWORD) }, { actorId: "test" });
}

/** Signs in through the real check and returns the cookie's secret. */
async function signIn(email: string): Promise<string> {
  const result = await verifySignIn(email, PASSWORD, ctx());
  if (!result.ok) throw new Error(`sign-in refused: ${result.reason}`);
  return result.sessionSecret;
}

const actions = async (userId: string) => (await listAuditByTarget(userId, { limit: 100 })).items.map((e) => e.action);

describe("server-side sessions", () => {
  it("sign-in creates a session that names the user, read with the user in one call", async () => {
    const user = await account();
    const secret = await signIn(user.email);
    const { result, calls } = await countCalls(() => getSignedIn(user.id, secret));
    expect(calls).toBe(1);
    expect(result?.user.id).toBe(user.id);
    expect(result?.session).toMatchObject({ id: sessionIdOf(secret), userId: user.id, userAgent: expect.stringContaining("Chrome") });
    // The table holds only the hash: the secret itself is nowhere in the item.
    const stored = await db().send(new GetCommand({ TableName: table("sessions"), Key: { id: sessionIdOf(secret) } }));
    expect(JSON.stringify(stored.Item)).not.toContain(secret);
    const [signedIn] = (await listAuditByTarget(user.id)).items.filter((e) => e.action === "auth.signed_in");
    expect(signedIn?.details).toMatchObject({ sessionId: sessionIdOf(secret) });
  });

  it("refuses a forged secret, another user's session and a tampered user id", async () => {
    const [a, b] = await Promise.all([account(), account()]);
    const secretA = await signIn(a.email);
    expect(await getSignedIn(a.id, "forged-secret")).toBeNull();
    expect(await getSignedIn(b.id, secretA)).toBeNull();
    expect(await getSignedIn(randomUUID(), secretA)).toBeNull();
  });

  it("signing out deletes the session, so a copy of the cookie stops working, and audits it", async () => {
    const user = await account();
    const secret = await signIn(user.email);
    const signedIn = await getSignedIn(user.id, secret);
    await endSession(signedIn!.session, { actorId: user.id, actorRole: user.role });
    expect(await getSignedIn(user.id, secret)).toBeNull();
    expect(await actions(user.id)).toContain("auth.signed_out");
  });

  it("sign out of all other sessions keeps the one asking and ends the rest, however many", async () => {
    const user = await account();
    const secrets = [];
    for (let i = 0; i < 4; i++) secrets.push(await signIn(user.email));
    const keep = (await getSignedIn(user.id, secrets[0]!))!.session;
    const ended = await revokeAllSessions(user.id, { actorId: user.id, actorRole: user.role }, { keep });
    expect(ended).toBe(3);
    expect(await getSignedIn(user.id, secrets[0]!)).not.toBeNull();
    for (const secret of secrets.slice(1)) expect(await getSignedIn(user.id, secret)).toBeNull();
    expect((await listSessions(user.id)).map((s) => s.id)).toEqual([keep.id]);
    const [entry] = (await listAuditByTarget(user.id)).items.filter((e) => e.action === "session.revoked_all");
    expect(entry?.details).toEqual({ count: 3, keptSessionId: keep.id });
  });

  it("an admin's sign out everywhere ends every session", async () => {
    const user = await account();
    const secrets = [await signIn(user.email), await signIn(user.email)];
    expect(await revokeAllSessions(user.id, { actorId: "admin-test", actorRole: "admin" })).toBe(2);
    for (const secret of secrets) expect(await getSignedIn(user.id, secret)).toBeNull();
    // A new sign-in afterwards works as usual.
    expect(await getSignedIn(user.id, await signIn(user.email))).not.toBeNull();
  });

  it("revoking one session ends only that one; someone else's session id looks already ended", async () => {
    const [user, other] = await Promise.all([account(), account()]);
    const [first, second] = [await signIn(user.email), await signIn(user.email)];
    const otherSecret = await signIn(other.email);
    await revokeSession(user.id, sessionIdOf(first), { actorId: "admin-test", actorRole: "admin" });
    expect(await getSignedIn(user.id, first)).toBeNull();
    expect(await getSignedIn(user.id, second)).not.toBeNull();
    await expect(revokeSession(user.id, sessionIdOf(otherSecret), { actorId: "admin-test" })).rejects.toBeInstanceOf(NotFoundError);
    expect(await getSignedIn(other.id, otherSecret)).not.toBeNull();
    expect(await actions(user.id)).toContain("session.revoked");
  });

  it("deactivation ends the sessions, and reactivation does not bring them back", async () => {
    const user = await account();
    const secret = await signIn(user.email);
    const off = await setUserActive(user.id, user.version, false, { actorId: "admin-test" });
    expect(await getSignedIn(user.id, secret)).toBeNull();
    await setUserActive(user.id, off.version, true, { actorId: "admin-test" });
    expect(await getSignedIn(user.id, secret)).toBeNull();
  });

  it("a password reset ends the sessions signed in with the old password", async () => {
    const user = await account();
    const secret = await signIn(user.email);
    const link = await issuePasswordReset(user.id, { actorId: "admin-test" });
    await consumeInvite(link.token, await hashPassword("the new password here"), {});
    expect(await getSignedIn(user.id, secret)).toBeNull();
  });

  it("a sign-in racing a revocation loses: its session is not created", async () => {
    const user = await account();
    // Credentials read at generation 0, then everything is revoked before the write.
    await revokeAllSessions(user.id, { actorId: "admin-test" });
    const fresh = newSession(user.id, 0, ctx());
    expect(await recordSignIn(user, 0, { id: fresh.session.id, put: fresh.put }, ctx())).toBe(false);
    expect(await getSignedIn(user.id, fresh.secret)).toBeNull();
  });

  it("an expired session is refused before TTL removes it", async () => {
    const user = await account();
    const secret = await signIn(user.email);
    const later = new Date(Date.now() + 13 * 3_600_000);
    expect(await getSignedIn(user.id, secret, later)).toBeNull();
    expect(await getSignedIn(user.id, secret)).not.toBeNull();
  });

  it("last seen is written at most once a minute, once among parallel requests, never for a revoked session", async () => {
    const user = await account();
    const secret = await signIn(user.email);
    const { session } = (await getSignedIn(user.id, secret))!;
    expect(await touchSession(session, ctx())).toBe(false);
    const later = new Date(Date.parse(session.lastSeenAt) + TOUCH_INTERVAL_MS + 1);
    const results = await Promise.all(Array.from({ length: 5 }, () => touchSession(session, ctx(), later)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const touched = (await getSignedIn(user.id, secret, later))!.session;
    expect(touched.lastSeenAt).toBe(later.toISOString());
    expect(touched.expiresAtEpoch).toBeGreaterThan(session.expiresAtEpoch);
    expect(touched.expiresAtEpoch).toBeLessThanOrEqual(session.absoluteExpiresAtEpoch);

    await endSession(touched, { actorId: user.id });
    expect(await touchSession(touched, ctx(), new Date(later.getTime() + TOUCH_INTERVAL_MS + 1))).toBe(false);
    expect((await db().send(new GetCommand({ TableName: table("sessions"), Key: { id: session.id } }))).Item).toBeUndefined();
  });

  it("password hash and session generation stay out of the user as pages read it", async () => {
    const user = await account();
    await signIn(user.email);
    const read = await getUser(user.id, { consistent: true });
    expect(Object.keys(read ?? {})).not.toContain("passwordHash");
    expect(Object.keys(read ?? {})).not.toContain("sessionGeneration");
  });
});
