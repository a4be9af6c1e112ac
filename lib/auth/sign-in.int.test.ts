import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listAuditByAction, listAuditByTarget } from "@/lib/db/audit";
import { createUser, getUser, setUserActive } from "@/lib/db/users";
import { hashPassword } from "./password";
import { ANONYMOUS_ACTOR, verifySignIn } from "./sign-in";

const PASSWORD = "correct horse battery staple";
const ctx = () => ({ ipAddress: `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 8)}`, userAgent: "vitest" });

async function account() {
  const email = `signin-${randomUUID()}@example.com`;
  const user = await createUser({ email, name: "Signer", role: "user", passwordHash: await hashPassword(PASSWORD) }, { actorId: "test" });
  return user;
}

describe("verifySignIn", () => {
  it("accepts the right password, stamps the sign-in and audits it with IP and agent", async () => {
    const user = await account();
    const request = ctx();
    const result = await verifySignIn(user.email, PASSWORD, request);
    expect(result).toMatchObject({ ok: true, user: { id: user.id } });
    expect((await getUser(user.id, { consistent: true }))?.lastSignInAt).toEqual(expect.any(String));
    const [entry] = (await listAuditByTarget(user.id)).items.filter((e) => e.action === "auth.signed_in");
    expect(entry).toMatchObject({ userId: user.id, ipAddress: request.ipAddress, userAgent: "vitest", details: { email: user.email } });
  });

  it("gives the same answer for a wrong password, an unknown email and a deactivated account", async () => {
    const user = await account();
    const inactive = await account();
    await setUserActive(inactive.id, inactive.version, false, { actorId: "test" });
    const unknown = `nobody-${randomUUID()}@example.com`;

    expect(await verifySignIn(user.email, "wrong password", ctx())).toEqual({ ok: false, reason: "invalid" });
    expect(await verifySignIn(unknown, PASSWORD, ctx())).toEqual({ ok: false, reason: "invalid" });
    expect(await verifySignIn(inactive.email, PASSWORD, ctx())).toEqual({ ok: false, reason: "invalid" });

    const failures = (await listAuditByAction("auth.sign_in_failed", { limit: 100 })).items;
    expect(failures.find((e) => e.details.email === user.email)).toMatchObject({ userId: user.id, targetUserId: user.id, details: { reason: "bad_credentials" } });
    expect(failures.find((e) => e.details.email === unknown)).toMatchObject({ userId: ANONYMOUS_ACTOR, details: { reason: "bad_credentials" } });
    expect(failures.find((e) => e.details.email === inactive.email)).toMatchObject({ details: { reason: "inactive" } });
  });

  it("throttles an email after repeated failures, even with the right password, from any address", async () => {
    const user = await account();
    for (let i = 0; i < 5; i++) expect(await verifySignIn(user.email, `wrong ${i}`, ctx())).toEqual({ ok: false, reason: "invalid" });
    expect(await verifySignIn(user.email, PASSWORD, ctx())).toEqual({ ok: false, reason: "throttled" });
    const reasons = (await listAuditByTarget(user.id, { limit: 100 })).items.map((e) => e.details.reason);
    expect(reasons).toContain("throttled");
  });

  it("throttles an address after repeated failures across emails, unknown ones included", async () => {
    const request = ctx();
    for (let i = 0; i < 30; i++) await verifySignIn(`spray-${i}-${randomUUID()}@example.com`, "guess", request);
    const user = await account();
    expect(await verifySignIn(user.email, PASSWORD, request)).toEqual({ ok: false, reason: "throttled" });
    expect(await verifySignIn(user.email, PASSWORD, ctx())).toMatchObject({ ok: true });
  });
});
