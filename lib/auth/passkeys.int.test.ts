import { randomUUID } from "node:crypto";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { listAuditByTarget } from "@/lib/db/audit";
import { db, table } from "@/lib/db/client";
import { resetSecondFactor } from "@/lib/db/credentials";
import { getPasskey } from "@/lib/db/passkeys";
import { getSignedIn, listSessions } from "@/lib/db/sessions";
import { createUser, setUserActive } from "@/lib/db/users";
import { resetEnvForTests } from "@/lib/env";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { registerPasskeySchema } from "@/lib/validation/passkeys";
import type { User } from "@/lib/validation/users";
import { isSecondFactorDue } from "./mfa-policy";
import { listUserPasskeys, passkeyRegistrationOptions, registerPasskey, type RelyingParty, relyingPartyFor, removeUserPasskey, signInPasskeyOptions } from "./passkeys";
import { hashPassword } from "./password";
import { verifyPasskeySecondFactor, verifyPasskeySignIn, verifySignIn } from "./sign-in";
import { SoftwareAuthenticator } from "./testing/software-authenticator";

const PASSWORD = "correct horse battery staple";
const rp: RelyingParty = { id: "localhost", name: "Pre-Work", origin: "http://localhost:3000" };
const ctx = () => ({ ipAddress: `192.0.2.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 8)}`, userAgent: "vitest" });

async function account(role: User["role"] = "user"): Promise<User> {
  return createUser({ email: `passkey-${randomUUID()}@example.com`, name: "Pass Key", role, passwordHash: await hashPassword(PASSWORD) }, { actorId: "test" });
}

async function auditOf(user: User, action: string) {
  return (await listAuditByTarget(user.id, { limit: 100 })).items.filter((e) => e.action === action);
}

async function credentialsItem(userId: string) {
  return (await db().send(new GetCommand({ TableName: table("credentials"), Key: { userId }, ConsistentRead: true }))).Item;
}

/** Registers a passkey made by `authenticator` through the real options and verification. */
async function register(user: User, authenticator: SoftwareAuthenticator, { name = "Laptop", passwordless = false } = {}) {
  const options = await passkeyRegistrationOptions(user, rp, { passwordless });
  const response = authenticator.create(options);
  const input = registerPasskeySchema.parse({ name, passwordless, response });
  return { options, response, passkey: await registerPasskey(user, rp, input, { actorId: user.id }) };
}

/** The password step, which must ask for the second factor. */
async function challengeFor(user: User) {
  const result = await verifySignIn(user.email, PASSWORD, ctx());
  if (result.ok || result.reason !== "second_factor") throw new Error(`expected a second-factor challenge, got ${JSON.stringify(result)}`);
  return result;
}

async function secondStep(user: User, authenticator: SoftwareAuthenticator, request = ctx()) {
  const { challenge } = await challengeFor(user);
  const options = (await signInPasskeyOptions(challenge, rp, request))!;
  return { challenge, options, response: JSON.stringify(authenticator.get(options)) };
}

describe("passkeys", () => {
  it("registers named passkeys through a verified response, audited with the write; the challenge serves once", async () => {
    const user = await account();
    const authenticator = new SoftwareAuthenticator(rp.origin);
    const { response, passkey } = await register(user, authenticator, { name: "Work laptop" });
    expect(passkey).toMatchObject({ name: "Work laptop", passwordless: false, createdAt: expect.any(String) });
    expect(passkey).not.toHaveProperty("publicKey");
    await register(user, authenticator, { name: "Phone", passwordless: true });
    expect((await listUserPasskeys(user.id)).map((p) => p.name)).toEqual(["Work laptop", "Phone"]);
    expect((await credentialsItem(user.id))?.passkeyCount).toBe(2);
    expect(await auditOf(user, "passkey.registered")).toHaveLength(2);
    const stored = await getPasskey(user.id, passkey.credentialId);
    expect(stored).toMatchObject({ counter: 0, transports: ["internal"], publicKey: expect.any(String) });

    // The same response again: its challenge was spent with the first write.
    await expect(registerPasskey(user, rp, registerPasskeySchema.parse({ name: "Again", passwordless: false, response }), { actorId: user.id })).rejects.toBeInstanceOf(ValidationError);
    expect(await listUserPasskeys(user.id)).toHaveLength(2);
  });

  it("refuses a response from another origin, for another user's challenge, or tampered, and writes nothing", async () => {
    const user = await account();
    const other = await account();
    const authenticator = new SoftwareAuthenticator(rp.origin);
    const audit = { actorId: user.id };

    const phished = authenticator.create(await passkeyRegistrationOptions(user, rp, { passwordless: false }), { origin: "https://evil.example" });
    await expect(registerPasskey(user, rp, registerPasskeySchema.parse({ name: "X", passwordless: false, response: phished }), audit)).rejects.toThrow(/could not be verified/);

    const othersChallenge = authenticator.create(await passkeyRegistrationOptions(other, rp, { passwordless: false }));
    await expect(registerPasskey(user, rp, registerPasskeySchema.parse({ name: "X", passwordless: false, response: othersChallenge }), audit)).rejects.toThrow(/expired/);

    // Made for another site's RP id (its hash in the authenticator data), answering our challenge.
    const options = await passkeyRegistrationOptions(user, rp, { passwordless: false });
    const tampered = authenticator.create({ ...options, rp: { ...options.rp, id: "evil.example" } });
    await expect(registerPasskey(user, rp, registerPasskeySchema.parse({ name: "X", passwordless: false, response: tampered }), audit)).rejects.toBeInstanceOf(ValidationError);

    // A passwordless passkey must verify the person.
    const noUv = new SoftwareAuthenticator(rp.origin, false).create(await passkeyRegistrationOptions(user, rp, { passwordless: true }));
    await expect(registerPasskey(user, rp, registerPasskeySchema.parse({ name: "X", passwordless: true, response: noUv }), audit)).rejects.toBeInstanceOf(ValidationError);

    expect(await listUserPasskeys(user.id)).toEqual([]);
    expect(await auditOf(user, "passkey.registered")).toEqual([]);
    expect(registerPasskeySchema.safeParse({ name: " ", passwordless: false, response: tampered }).success).toBe(false);
    expect(registerPasskeySchema.safeParse({ name: "ok", passwordless: false, response: { ...tampered, id: "<script>" } }).success).toBe(false);
  });

  it("is a second factor: the password alone gives no session, the passkey's assertion does, and a replay does not", async () => {
    const user = await account();
    const authenticator = new SoftwareAuthenticator(rp.origin);
    const { passkey } = await register(user, authenticator);
    expect(await challengeFor(user)).toMatchObject({ methods: { totp: false, passkey: true } });
    expect(await listSessions(user.id)).toEqual([]);

    const { challenge, response } = await secondStep(user, authenticator);
    const result = await verifyPasskeySecondFactor(challenge, response, rp, ctx());
    expect(result).toMatchObject({ ok: true, user: { id: user.id } });
    expect(await listSessions(user.id)).toHaveLength(1);
    expect(await auditOf(user, "auth.signed_in")).toMatchObject([{ details: { secondFactor: "passkey", passkey: passkey.credentialId } }]);
    expect((await getPasskey(user.id, passkey.credentialId))).toMatchObject({ counter: 1, lastUsedAt: expect.any(String) });

    // The same assertion again, even on a fresh password step: its challenge is spent.
    const fresh = await challengeFor(user);
    expect(await verifyPasskeySecondFactor(challenge, response, rp, ctx())).toEqual({ ok: false, reason: "expired" });
    expect(await verifyPasskeySecondFactor(fresh.challenge, response, rp, ctx())).toEqual({ ok: false, reason: "invalid" });
    expect(await listSessions(user.id)).toHaveLength(1);
  });

  it("refuses a counter that did not move (a cloned authenticator), another step's challenge and another user's passkey", async () => {
    const user = await account();
    const other = await account();
    const authenticator = new SoftwareAuthenticator(rp.origin);
    await register(user, authenticator);
    const otherAuthenticator = new SoftwareAuthenticator(rp.origin);
    await register(other, otherAuthenticator);
    // An assertion for one password step sent with another step's challenge.
    const elsewhere = await secondStep(user, authenticator);
    expect(await verifyPasskeySecondFactor((await challengeFor(user)).challenge, elsewhere.response, rp, ctx())).toEqual({ ok: false, reason: "invalid" });

    const first = await secondStep(user, authenticator);
    expect(await verifyPasskeySecondFactor(first.challenge, first.response, rp, ctx())).toMatchObject({ ok: true });
    const { challenge } = await challengeFor(user);
    const options = (await signInPasskeyOptions(challenge, rp, ctx()))!;
    const cloned = JSON.stringify(authenticator.get(options, undefined, { counter: 1 }));
    expect(await verifyPasskeySecondFactor(challenge, cloned, rp, ctx())).toEqual({ ok: false, reason: "invalid" });

    // Other's passkey answering user's step.
    const mine = await challengeFor(user);
    const myOptions = (await signInPasskeyOptions(mine.challenge, rp, ctx()))!;
    expect(await verifyPasskeySecondFactor(mine.challenge, JSON.stringify(otherAuthenticator.get({ ...myOptions, allowCredentials: [] })), rp, ctx())).toEqual({ ok: false, reason: "invalid" });
    expect(await auditOf(user, "auth.sign_in_failed")).toHaveLength(3);
  });

  it("refuses hostile responses without a session, passwordless or as the second step", async () => {
    const user = await account();
    await register(user, new SoftwareAuthenticator(rp.origin));
    const { challenge } = await challengeFor(user);
    for (const junk of ["", "{}", "null", '{"id":"../../etc","response":{}}', "x".repeat(50_000)]) {
      expect(await verifyPasskeySignIn(junk, rp, ctx())).toEqual({ ok: false, reason: "invalid" });
    }
    for (const junk of ["{}", '{"__proto__":{"id":"x"}}', "[1,2]"]) {
      expect(await verifyPasskeySecondFactor(challenge, junk, rp, ctx())).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await listSessions(user.id)).toEqual([]);
  });

  it("signs in without a password only with a passkey chosen for it, verifying the person, for an active account", async () => {
    const user = await account();
    const authenticator = new SoftwareAuthenticator(rp.origin);
    await register(user, authenticator, { name: "Second step only" });
    const request = ctx();
    const secondOnly = authenticator.get((await signInPasskeyOptions(undefined, rp, request))!);
    expect(await verifyPasskeySignIn(JSON.stringify(secondOnly), rp, request)).toEqual({ ok: false, reason: "invalid" });

    const passwordless = new SoftwareAuthenticator(rp.origin);
    const { passkey } = await register(user, passwordless, { name: "Phone", passwordless: true });
    const result = await verifyPasskeySignIn(JSON.stringify(passwordless.get((await signInPasskeyOptions(undefined, rp, request))!)), rp, request);
    expect(result).toMatchObject({ ok: true, user: { id: user.id } });
    if (!result.ok) throw new Error("expected a session");
    expect(await getSignedIn(user.id, result.sessionSecret)).toMatchObject({ user: { id: user.id } });
    expect(await auditOf(user, "auth.signed_in")).toMatchObject([{ details: { passwordless: true, passkey: passkey.credentialId } }]);

    const deactivated = await setUserActive(user.id, user.version, false, { actorId: "test" });
    expect(deactivated.isActive).toBe(false);
    expect(await verifyPasskeySignIn(JSON.stringify(passwordless.get((await signInPasskeyOptions(undefined, rp, request))!)), rp, request)).toEqual({ ok: false, reason: "invalid" });
    expect(await auditOf(user, "auth.sign_in_failed")).toEqual(expect.arrayContaining([expect.objectContaining({ details: expect.objectContaining({ reason: "inactive" }) })]));
  });

  it("throttles wrong passwordless attempts from one address", async () => {
    process.env.SIGN_IN_MAX_FAILURES_PER_IP = "3";
    resetEnvForTests();
    try {
      const request = ctx();
      const stranger = new SoftwareAuthenticator(rp.origin);
      await register(await account(), stranger, { passwordless: true });
      // Its user handle now names no account: only the address's limit counts it.
      stranger.credentials[0]!.userHandle = Buffer.from("no-such-user").toString("base64url");
      for (let i = 0; i < 3; i++) {
        const options = await signInPasskeyOptions(undefined, rp, request);
        expect(await verifyPasskeySignIn(JSON.stringify(stranger.get(options!)), rp, request)).toEqual({ ok: false, reason: "invalid" });
      }
      await expect(signInPasskeyOptions(undefined, rp, request)).rejects.toThrow(/Too many/);
    } finally {
      delete process.env.SIGN_IN_MAX_FAILURES_PER_IP;
      resetEnvForTests();
    }
  });

  it("removes a passkey with an audit entry; it then signs nobody in, and the password alone signs in again", async () => {
    const user = await account();
    const authenticator = new SoftwareAuthenticator(rp.origin);
    const { passkey } = await register(user, authenticator, { passwordless: true });
    const other = await account();
    await expect(removeUserPasskey(other, passkey.credentialId, { actorId: other.id })).rejects.toBeInstanceOf(ConflictError);

    const request = ctx();
    const options = (await signInPasskeyOptions(undefined, rp, request))!;
    await removeUserPasskey(user, passkey.credentialId, { actorId: user.id });
    expect(await listUserPasskeys(user.id)).toEqual([]);
    expect((await credentialsItem(user.id))?.passkeyCount).toBe(0);
    expect(await auditOf(user, "passkey.removed")).toMatchObject([{ userId: user.id, details: { credentialId: passkey.credentialId, name: "Laptop" } }]);
    expect(await verifyPasskeySignIn(JSON.stringify(authenticator.get(options)), rp, request)).toEqual({ ok: false, reason: "invalid" });
    await expect(removeUserPasskey(user, passkey.credentialId, { actorId: user.id })).rejects.toBeInstanceOf(ConflictError);
    expect(await verifySignIn(user.email, PASSWORD, ctx())).toMatchObject({ ok: true });
  });

  it("counts for the second-factor policy, and the last one of such a role stays", async () => {
    process.env.MFA_REQUIRED_ROLES = "manager";
    resetEnvForTests();
    try {
      const manager = await account("manager");
      const signedIn = await verifySignIn(manager.email, PASSWORD, ctx());
      if (!signedIn.ok) throw new Error("expected a session");
      expect(isSecondFactorDue((await getSignedIn(manager.id, signedIn.sessionSecret))!)).toBe(true);
      const authenticator = new SoftwareAuthenticator(rp.origin);
      const { passkey } = await register(manager, authenticator);
      expect(isSecondFactorDue((await getSignedIn(manager.id, signedIn.sessionSecret))!)).toBe(false);
      await expect(removeUserPasskey(manager, passkey.credentialId, { actorId: manager.id })).rejects.toBeInstanceOf(ForbiddenError);
      const second = await register(manager, new SoftwareAuthenticator(rp.origin), { name: "Spare" });
      await removeUserPasskey(manager, second.passkey.credentialId, { actorId: manager.id });
      expect(await listUserPasskeys(manager.id)).toHaveLength(1);
    } finally {
      delete process.env.MFA_REQUIRED_ROLES;
      resetEnvForTests();
    }
  });

  it("an admin's second-factor reset removes every passkey and ends the sessions", async () => {
    const user = await account();
    const authenticator = new SoftwareAuthenticator(rp.origin);
    await register(user, authenticator);
    await register(user, new SoftwareAuthenticator(rp.origin), { name: "Key" });
    const { challenge, response } = await secondStep(user, authenticator);
    expect(await verifyPasskeySecondFactor(challenge, response, rp, ctx())).toMatchObject({ ok: true });

    await resetSecondFactor(user.id, { actorId: "admin-id", actorRole: "admin" });
    expect(await listUserPasskeys(user.id)).toEqual([]);
    expect(await listSessions(user.id)).toEqual([]);
    expect(await auditOf(user, "mfa.reset_by_admin")).toMatchObject([{ details: { passkeysRemoved: 2 } }]);
    expect(await verifySignIn(user.email, PASSWORD, ctx())).toMatchObject({ ok: true });
  });

  it("takes the relying party from configuration, defaulting from the public origin", () => {
    expect(relyingPartyFor("https://console.example.com/path")).toEqual({ id: "console.example.com", name: "Pre-Work", origin: "https://console.example.com" });
    process.env.WEBAUTHN_RP_ID = "example.com";
    process.env.WEBAUTHN_ORIGIN = "https://app.example.com";
    resetEnvForTests();
    try {
      expect(relyingPartyFor("http://127.0.0.1:3000")).toEqual({ id: "example.com", name: "Pre-Work", origin: "https://app.example.com" });
    } finally {
      delete process.env.WEBAUTHN_RP_ID;
      delete process.env.WEBAUTHN_ORIGIN;
      resetEnvForTests();
    }
  });
});
