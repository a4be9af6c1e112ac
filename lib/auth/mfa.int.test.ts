import { randomUUID } from "node:crypto";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { listAuditByTarget } from "@/lib/db/audit";
import { ProofRefused, resetSecondFactor } from "@/lib/db/credentials";
import { db, table } from "@/lib/db/client";
import { getSignedIn, listSessions } from "@/lib/db/sessions";
import { createUser } from "@/lib/db/users";
import { env, resetEnvForTests } from "@/lib/env";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import type { User } from "@/lib/validation/users";
import { confirmEnrolment, disableSecondFactor, regenerateRecoveryCodes, secondFactorStatus, startEnrolment } from "./mfa";
import { isSecondFactorDue } from "./mfa-policy";
import { hashPassword } from "./password";
import { verifySecondFactor, verifySignIn } from "./sign-in";
import { codeAt } from "./totp";

const PASSWORD = "correct horse battery staple";
const ctx = () => ({ ipAddress: `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 8)}`, userAgent: "vitest" });
/** `seconds` from the start of the test: codes of later steps are fresh ones. */
const start = Date.now();
const at = (seconds: number) => new Date(start + seconds * 1000);

async function auditOf(user: User, action: string) {
  return (await listAuditByTarget(user.id, { limit: 100 })).items.filter((e) => e.action === action);
}

/** A user with a password and a confirmed authenticator; its secret and recovery codes. */
async function enrolled() {
  const user = await createUser({ email: `mfa-${randomUUID()}@example.com`, name: "Two Factor", role: "user", passwordHash: await hashPassword(PASSWORD) }, { actorId: "test" });
  const pending = await startEnrolment(user, at(0));
  const secret = pending.secretGroups.join("");
  const request = ctx();
  const recoveryCodes = await confirmEnrolment(user, pending.enrolment, codeAt(secret, at(0)), request, { actorId: user.id, ...request }, at(0));
  return { user, secret, recoveryCodes };
}

/** The password step, which must hand out a challenge and nothing else. */
async function challengeFor(user: User): Promise<string> {
  const result = await verifySignIn(user.email, PASSWORD, ctx());
  if (result.ok || result.reason !== "second_factor") throw new Error(`expected a second-factor challenge, got ${JSON.stringify(result)}`);
  return result.challenge;
}

describe("two-factor authentication", () => {
  it("enrols with a confirmed code: the secret is sealed in the credentials item, ten codes, one audit entry", async () => {
    const { user, secret, recoveryCodes } = await enrolled();
    expect(recoveryCodes).toHaveLength(10);
    expect(await secondFactorStatus(user.id)).toMatchObject({ recoveryCodesLeft: 10 });
    const item = (await db().send(new GetCommand({ TableName: table("credentials"), Key: { userId: user.id }, ConsistentRead: true }))).Item!;
    expect(item.totpSecret).toMatch(/^v1\./);
    expect(JSON.stringify(item)).not.toContain(secret);
    for (const code of recoveryCodes) expect(JSON.stringify(item)).not.toContain(code.replace("-", ""));
    const userItem = (await db().send(new GetCommand({ TableName: table("users"), Key: { id: user.id }, ConsistentRead: true }))).Item!;
    expect(Object.keys(userItem).filter((k) => /totp|recovery/i.test(k))).toEqual([]);
    expect(await auditOf(user, "mfa.enrolled")).toMatchObject([{ userId: user.id, details: { recoveryCodes: 10 } }]);
  });

  it("refuses a wrong confirming code and a tampered enrolment, and writes nothing", async () => {
    const user = await createUser({ email: `mfa-${randomUUID()}@example.com`, name: "Two Factor", role: "user", passwordHash: await hashPassword(PASSWORD) }, { actorId: "test" });
    const pending = await startEnrolment(user);
    const request = ctx();
    const audit = { actorId: user.id, ...request };
    await expect(confirmEnrolment(user, pending.enrolment, "000000", request, audit)).rejects.toBeInstanceOf(ValidationError);
    const other = await createUser({ email: `mfa-${randomUUID()}@example.com`, name: "Other", role: "user" }, { actorId: "test" });
    const code = codeAt(pending.secretGroups.join(""), new Date());
    await expect(confirmEnrolment(other, pending.enrolment, code, request, { actorId: other.id })).rejects.toThrow(/expired/);
    await expect(confirmEnrolment(user, pending.enrolment, code, request, audit, at(31 * 60))).rejects.toThrow(/expired/);
    expect(await secondFactorStatus(user.id)).toBeNull();
    expect(await auditOf(user, "mfa.enrolled")).toEqual([]);
  });

  it("signs in only with the code after the password; the password alone gives no session", async () => {
    const { user, secret } = await enrolled();
    const challenge = await challengeFor(user);
    expect(await listSessions(user.id)).toEqual([]);
    expect(await auditOf(user, "auth.signed_in")).toEqual([]);

    const result = await verifySecondFactor(challenge, { method: "totp", code: codeAt(secret, at(30)) }, ctx(), at(30));
    expect(result).toMatchObject({ ok: true, user: { id: user.id } });
    expect(await listSessions(user.id)).toHaveLength(1);
    expect(await auditOf(user, "auth.signed_in")).toMatchObject([{ details: { email: user.email, secondFactor: "totp" } }]);
    // The challenge served its sign-in.
    expect(await verifySecondFactor(challenge, { method: "totp", code: codeAt(secret, at(60)) }, ctx(), at(60))).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses the code that confirmed the enrolment, and a code of an earlier step than one used", async () => {
    const { user, secret } = await enrolled();
    expect(await verifySecondFactor(await challengeFor(user), { method: "totp", code: codeAt(secret, at(0)) }, ctx(), at(0))).toEqual({ ok: false, reason: "invalid" });
    expect(await verifySecondFactor(await challengeFor(user), { method: "totp", code: codeAt(secret, at(60)) }, ctx(), at(60))).toMatchObject({ ok: true });
    expect(await verifySecondFactor(await challengeFor(user), { method: "totp", code: codeAt(secret, at(30)) }, ctx(), at(60))).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses wrong codes, audits each, and throttles the email after the limit even for the right code", async () => {
    const { user, secret } = await enrolled();
    const challenge = await challengeFor(user);
    const max = env().SIGN_IN_MAX_FAILURES_PER_EMAIL;
    for (let i = 0; i < max; i++) {
      expect(await verifySecondFactor(challenge, { method: "totp", code: String(100000 + i) }, ctx(), at(30))).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await verifySecondFactor(challenge, { method: "totp", code: codeAt(secret, at(30)) }, ctx(), at(30))).toEqual({ ok: false, reason: "throttled" });
    const failures = await auditOf(user, "auth.sign_in_failed");
    expect(failures.filter((e) => e.details.reason === "bad_second_factor")).toHaveLength(max);
    expect(failures.filter((e) => e.details.reason === "throttled")).toMatchObject([{ details: { secondFactor: "totp" } }]);
    expect(await listSessions(user.id)).toEqual([]);
    // The password bucket is another: the password step still answers with a challenge.
    await challengeFor(user);
  });

  it("lets exactly one of two parallel sign-ins with the same code win", async () => {
    const { user, secret } = await enrolled();
    const [a, b] = await Promise.all([challengeFor(user), challengeFor(user)]);
    const code = codeAt(secret, at(30));
    const results = await Promise.all([a, b].map((challenge) => verifySecondFactor(challenge, { method: "totp", code }, ctx(), at(30))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "invalid" }]);
    expect(await listSessions(user.id)).toHaveLength(1);
    expect(await auditOf(user, "auth.signed_in")).toHaveLength(1);
  });

  it("lets exactly one of two parallel requests spend one challenge, even with two good codes", async () => {
    const { user, secret, recoveryCodes } = await enrolled();
    const challenge = await challengeFor(user);
    const results = await Promise.all([
      verifySecondFactor(challenge, { method: "totp", code: codeAt(secret, at(30)) }, ctx(), at(30)),
      verifySecondFactor(challenge, { method: "recovery_code", code: recoveryCodes[0]! }, ctx(), at(30)),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await listSessions(user.id)).toHaveLength(1);
  });

  it("takes a recovery code once: of two parallel uses exactly one wins, audited with what is left", async () => {
    const { user, recoveryCodes } = await enrolled();
    const code = recoveryCodes[3]!.toUpperCase();
    const [a, b] = await Promise.all([challengeFor(user), challengeFor(user)]);
    const results = await Promise.all([a, b].map((challenge) => verifySecondFactor(challenge, { method: "recovery_code", code: code.replace("-", "").toLowerCase() }, ctx())));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await verifySecondFactor(await challengeFor(user), { method: "recovery_code", code: code.toLowerCase() }, ctx())).toEqual({ ok: false, reason: "invalid" });
    expect(await secondFactorStatus(user.id)).toMatchObject({ recoveryCodesLeft: 9 });
    const used = await auditOf(user, "mfa.recovery_code_used");
    expect(used).toMatchObject([{ userId: user.id, details: { remaining: 9 } }]);
    expect(await auditOf(user, "auth.signed_in")).toMatchObject([{ details: { secondFactor: "recovery_code", sessionId: used[0]!.details.sessionId } }]);
  });

  it("voids a challenge when the sessions are ended in between (a new password, sign out everywhere)", async () => {
    const { user, secret } = await enrolled();
    const challenge = await challengeFor(user);
    const { revokeAllSessions } = await import("@/lib/db/sessions");
    await revokeAllSessions(user.id, { actorId: user.id });
    expect(await verifySecondFactor(challenge, { method: "totp", code: codeAt(secret, at(30)) }, ctx(), at(30))).toEqual({ ok: false, reason: "expired" });
  });

  it("turns off only with a current code or a recovery code, with one audit entry", async () => {
    const { user, secret, recoveryCodes } = await enrolled();
    const request = ctx();
    const audit = { actorId: user.id, ...request };
    await expect(disableSecondFactor(user, { method: "totp", code: "123456" }, request, audit, at(30))).rejects.toBeInstanceOf(ValidationError);
    await expect(disableSecondFactor(user, { method: "totp", code: codeAt(secret, at(0)) }, request, audit, at(0))).rejects.toBeInstanceOf(ValidationError);
    await expect(disableSecondFactor(user, { method: "recovery_code", code: "abcde-fghjk" }, request, audit)).rejects.toBeInstanceOf(ValidationError);
    expect(await secondFactorStatus(user.id)).not.toBeNull();
    expect(await auditOf(user, "mfa.disabled")).toEqual([]);

    await disableSecondFactor(user, { method: "recovery_code", code: recoveryCodes[0]! }, request, audit);
    expect(await secondFactorStatus(user.id)).toBeNull();
    expect(await auditOf(user, "mfa.disabled")).toMatchObject([{ details: { via: "recovery_code" } }]);
    expect(await verifySignIn(user.email, PASSWORD, ctx())).toMatchObject({ ok: true });
  });

  it("of two parallel turn-offs with one code exactly one passes", async () => {
    const { user, secret } = await enrolled();
    const request = ctx();
    const code = codeAt(secret, at(30));
    const results = await Promise.allSettled([1, 2].map(() => disableSecondFactor(user, { method: "totp", code }, request, { actorId: user.id }, at(30))));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await auditOf(user, "mfa.disabled")).toHaveLength(1);
  });

  it("replaces every recovery code, so the old ones stop working, with one audit entry", async () => {
    const { user, secret, recoveryCodes } = await enrolled();
    const request = ctx();
    const fresh = await regenerateRecoveryCodes(user, { method: "totp", code: codeAt(secret, at(30)) }, request, { actorId: user.id, ...request }, at(30));
    expect(fresh).toHaveLength(10);
    expect(fresh.filter((c) => recoveryCodes.includes(c))).toEqual([]);
    expect(await verifySecondFactor(await challengeFor(user), { method: "recovery_code", code: recoveryCodes[0]! }, ctx())).toEqual({ ok: false, reason: "invalid" });
    expect(await verifySecondFactor(await challengeFor(user), { method: "recovery_code", code: fresh[0]! }, ctx())).toMatchObject({ ok: true });
    expect(await auditOf(user, "mfa.recovery_codes_regenerated")).toMatchObject([{ details: { recoveryCodes: 10, via: "totp" } }]);
  });

  it("an admin's reset removes the factor and ends the user's sessions, in one audited transaction", async () => {
    const { user, secret } = await enrolled();
    expect(await verifySecondFactor(await challengeFor(user), { method: "totp", code: codeAt(secret, at(30)) }, ctx(), at(30))).toMatchObject({ ok: true });
    expect(await listSessions(user.id)).toHaveLength(1);

    await resetSecondFactor(user.id, { actorId: "admin-id", actorRole: "admin" });
    expect(await secondFactorStatus(user.id)).toBeNull();
    expect(await listSessions(user.id)).toEqual([]);
    expect(await auditOf(user, "mfa.reset_by_admin")).toMatchObject([{ userId: "admin-id", targetUserId: user.id }]);
    await expect(resetSecondFactor(user.id, { actorId: "admin-id" })).rejects.toBeInstanceOf(ProofRefused);
    expect(await auditOf(user, "mfa.reset_by_admin")).toHaveLength(1);
    expect(await verifySignIn(user.email, PASSWORD, ctx())).toMatchObject({ ok: true });
  });

  it("with MFA_REQUIRED_ROLES, a session of such a role is due until a factor exists, and it cannot be turned off", async () => {
    process.env.MFA_REQUIRED_ROLES = "manager";
    resetEnvForTests();
    try {
      const manager = await createUser({ email: `mfa-${randomUUID()}@example.com`, name: "Must Enrol", role: "manager", passwordHash: await hashPassword(PASSWORD) }, { actorId: "test" });
      const signedIn = await verifySignIn(manager.email, PASSWORD, ctx());
      if (!signedIn.ok) throw new Error("expected a session");
      const read = () => getSignedIn(manager.id, signedIn.sessionSecret);
      expect(isSecondFactorDue((await read())!)).toBe(true);

      const pending = await startEnrolment(manager, at(0));
      const secret = pending.secretGroups.join("");
      const request = ctx();
      await confirmEnrolment(manager, pending.enrolment, codeAt(secret, at(0)), request, { actorId: manager.id }, at(0));
      expect(isSecondFactorDue((await read())!)).toBe(false);
      await expect(disableSecondFactor(manager, { method: "totp", code: codeAt(secret, at(30)) }, request, { actorId: manager.id }, at(30))).rejects.toBeInstanceOf(ForbiddenError);
      expect(await secondFactorStatus(manager.id)).not.toBeNull();
    } finally {
      delete process.env.MFA_REQUIRED_ROLES;
      resetEnvForTests();
    }
  });
});
