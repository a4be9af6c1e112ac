import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listAuditByAction, listAuditByTarget } from "@/lib/db/audit";
import { getCredentialsByEmail } from "@/lib/db/user-sign-in";
import { createUser, getUserByEmail, setUserActive } from "@/lib/db/users";
import { resetEnvForTests } from "@/lib/env";
import type { SsoProvider } from "@/lib/env";
import type { User } from "@/lib/validation/users";
import { confirmEnrolment, startEnrolment } from "./mfa";
import { ANONYMOUS_ACTOR } from "./sign-in";
import { verifySsoSignIn } from "./sso";
import { codeAt } from "./totp";

const okta: SsoProvider = { id: "okta", name: "Okta", issuer: "https://example.okta.com", clientId: "c", clientSecret: "s", trustEmail: false };
const ctx = () => ({ ipAddress: `203.0.113.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 8)}`, userAgent: "vitest" });
const claimsOf = (email: string, sub = randomUUID(), verified: unknown = true) => ({ sub, email, email_verified: verified });

async function account(): Promise<User> {
  return createUser({ email: `sso-${randomUUID()}@example.com`, name: "Single Sign", role: "user" }, { actorId: "test" });
}

async function auditOf(user: User, action: string) {
  return (await listAuditByTarget(user.id, { limit: 100 })).items.filter((e) => e.action === action);
}

describe("verifySsoSignIn", () => {
  it("signs in an active user whose verified email the provider sends, and audits the session with it", async () => {
    const user = await account();
    const result = await verifySsoSignIn(okta, claimsOf(user.email.toUpperCase()), ctx());
    expect(result).toMatchObject({ ok: true, user: { id: user.id }, sessionSecret: expect.any(String) });
    expect(await auditOf(user, "auth.sso_signed_in")).toMatchObject([{ userId: user.id, details: { email: user.email, provider: "okta", sessionId: expect.any(String) } }]);
  });

  it("refuses an unverified email unless the provider is trusted for its emails", async () => {
    const user = await account();
    expect(await verifySsoSignIn(okta, claimsOf(user.email, randomUUID(), false), ctx())).toEqual({ ok: false, reason: "unverified_email" });
    expect(await verifySsoSignIn(okta, { sub: randomUUID(), email: user.email }, ctx())).toEqual({ ok: false, reason: "unverified_email" });
    expect(await verifySsoSignIn({ ...okta, trustEmail: true }, { sub: randomUUID(), email: user.email }, ctx())).toMatchObject({ ok: true });
  });

  it("refuses an unknown email and a deactivated user, and audits both", async () => {
    const unknown = `nobody-${randomUUID()}@example.com`;
    expect(await verifySsoSignIn(okta, claimsOf(unknown), ctx())).toEqual({ ok: false, reason: "unknown" });
    const refused = (await listAuditByAction("auth.sso_refused", { limit: 100 })).items.find((e) => e.details.email === unknown);
    expect(refused).toMatchObject({ userId: ANONYMOUS_ACTOR, details: { provider: "okta", reason: "unknown" } });

    const inactive = await account();
    await setUserActive(inactive.id, inactive.version, false, { actorId: "test" });
    expect(await verifySsoSignIn(okta, claimsOf(inactive.email), ctx())).toEqual({ ok: false, reason: "inactive" });
    expect(await auditOf(inactive, "auth.sso_refused")).toMatchObject([{ details: { reason: "inactive" } }]);
  });

  it("links the first subject and refuses another subject of the same provider for that email", async () => {
    const user = await account();
    const sub = randomUUID();
    expect(await verifySsoSignIn(okta, claimsOf(user.email, sub), ctx())).toMatchObject({ ok: true });
    expect(await verifySsoSignIn(okta, claimsOf(user.email, sub), ctx())).toMatchObject({ ok: true });
    expect(await verifySsoSignIn(okta, claimsOf(user.email, randomUUID()), ctx())).toEqual({ ok: false, reason: "link_conflict" });
    // Another provider has its own link.
    expect(await verifySsoSignIn({ ...okta, id: "entra" }, claimsOf(user.email, randomUUID()), ctx())).toMatchObject({ ok: true });
  });

  it("refuses an account with a second factor", async () => {
    const user = await account();
    const pending = await startEnrolment(user);
    const secret = pending.secretGroups.join("");
    await confirmEnrolment(user, pending.enrolment, codeAt(secret, new Date()), ctx(), { actorId: user.id });
    expect(await verifySsoSignIn(okta, claimsOf(user.email), ctx())).toEqual({ ok: false, reason: "second_factor" });
  });

  it("throttles an address after repeated refusals, folding them like password failures", async () => {
    const request = ctx();
    for (let i = 0; i < 30; i++) await verifySsoSignIn(okta, claimsOf(`spray-${i}-${randomUUID()}@example.com`), request);
    const user = await account();
    expect(await verifySsoSignIn(okta, claimsOf(user.email), request)).toEqual({ ok: false, reason: "throttled" });
    expect(await verifySsoSignIn(okta, claimsOf(user.email), ctx())).toMatchObject({ ok: true });
  });

  describe("with SSO_JIT_CREATE=true", () => {
    const withJit = async (run: () => Promise<void>) => {
      process.env.SSO_JIT_CREATE = "true";
      resetEnvForTests();
      try {
        await run();
      } finally {
        delete process.env.SSO_JIT_CREATE;
        resetEnvForTests();
      }
    };

    it("creates an active user with role user for a verified email, audited by that user with the link, and signs them in", () =>
      withJit(async () => {
        const email = `jit-${randomUUID()}@example.com`;
        const sub = randomUUID();
        const result = await verifySsoSignIn(okta, { ...claimsOf(email.toUpperCase(), sub), name: "Jit Person" }, ctx());
        expect(result).toMatchObject({ ok: true, user: { email, name: "Jit Person", role: "user", isActive: true }, sessionSecret: expect.any(String) });
        if (!result.ok) return;
        const created = await auditOf(result.user, "user.created");
        expect(created).toMatchObject([{ userId: result.user.id, details: { email, role: "user" } }]);
        expect(await auditOf(result.user, "auth.sso_signed_in")).toHaveLength(1);
        expect((await getCredentialsByEmail(email))?.ssoLinks).toEqual({ okta: sub });
        // The next sign-in finds the account; another subject for the email is still refused.
        expect(await verifySsoSignIn(okta, claimsOf(email, sub), ctx())).toMatchObject({ ok: true, user: { id: result.user.id } });
        expect(await verifySsoSignIn(okta, claimsOf(email, randomUUID()), ctx())).toEqual({ ok: false, reason: "link_conflict" });
        expect(await auditOf(result.user, "user.created")).toHaveLength(1);
      }));

    it("creates nobody for an unverified email, and a hostile name falls back to the email's", () =>
      withJit(async () => {
        const unverified = `jit-${randomUUID()}@example.com`;
        expect(await verifySsoSignIn(okta, claimsOf(unverified, randomUUID(), false), ctx())).toEqual({ ok: false, reason: "unverified_email" });
        expect(await getUserByEmail(unverified)).toBeNull();

        const email = `jit-${randomUUID()}@example.com`;
        const result = await verifySsoSignIn(okta, { ...claimsOf(email), name: "\u0000<script>".repeat(40) }, ctx());
        expect(result).toMatchObject({ ok: true, user: { name: email.split("@")[0] } });
      }));

    it("of two first sign-ins racing for one email, one account comes to be", () =>
      withJit(async () => {
        const email = `jit-${randomUUID()}@example.com`;
        const sub = randomUUID();
        const results = await Promise.all([1, 2].map(() => verifySsoSignIn(okta, claimsOf(email, sub), ctx())));
        const ids = new Set(results.map((r) => (r.ok ? r.user.id : r.reason)));
        expect(ids.size).toBe(1);
        expect(results.every((r) => r.ok)).toBe(true);
      }));
  });

  it("creates no account by default", async () => {
    const email = `jit-${randomUUID()}@example.com`;
    expect(await verifySsoSignIn(okta, claimsOf(email), ctx())).toEqual({ ok: false, reason: "unknown" });
    expect(await getUserByEmail(email)).toBeNull();
  });
});
