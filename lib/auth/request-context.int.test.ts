// The client address as the sign-in throttle and the audit log see it, with the connection facts
// published the way scripts/server.mjs publishes them and a client forging every header.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditByAction, listAuditByTarget } from "@/lib/db/audit";
import { createUser } from "@/lib/db/users";
import { resetEnvForTests } from "@/lib/env";
import { CONNECTION_STORE, type ConnectionInfo } from "@/lib/http/connection";
import { hashPassword } from "./password";
import { contextFromHeaders } from "./request-context";
import { verifySignIn } from "./sign-in";

const PASSWORD = "correct horse battery staple";
const store = new AsyncLocalStorage<ConnectionInfo>();
const globals = globalThis as { [CONNECTION_STORE]?: AsyncLocalStorage<ConnectionInfo> };

/** A fresh documentation-range address per test, so tests do not share a throttle counter. */
const socketAddress = () => `198.18.${randomInt(0, 255)}.${randomInt(1, 254)}`;

/** Headers a client may send freely: a different made-up origin on every request. */
const forged = (i: number) =>
  new Headers({ "x-forwarded-for": `203.0.113.${i % 250}, 192.0.2.${i % 250}`, "x-real-ip": `203.0.113.${(i + 1) % 250}`, "user-agent": "attacker" });

beforeAll(() => {
  delete process.env.TRUST_PROXY;
  resetEnvForTests();
  globals[CONNECTION_STORE] = store;
});
afterAll(() => {
  delete globals[CONNECTION_STORE];
  resetEnvForTests();
});

describe("contextFromHeaders under TRUST_PROXY=none", () => {
  it("takes the address from the connection and canonicalises it", () => {
    const ctx = store.run({ remoteAddress: "::ffff:198.18.0.7", encrypted: false }, () => contextFromHeaders(forged(1)));
    expect(ctx).toEqual({ ipAddress: "198.18.0.7", userAgent: "attacker" });
  });

  it("knows no address outside the server (plain next start), whatever the headers say", () => {
    expect(contextFromHeaders(forged(1))).toEqual({ userAgent: "attacker" });
  });

  it("throttles by the connection's address while the forged X-Forwarded-For changes on every attempt", async () => {
    const address = socketAddress();
    const attempt = (i: number, email: string, password: string) =>
      store.run({ remoteAddress: address, encrypted: false }, () => verifySignIn(email, password, contextFromHeaders(forged(i))));
    for (let i = 0; i < 30; i++) expect(await attempt(i, `spray-${i}-${randomUUID()}@example.com`, "guess")).toEqual({ ok: false, reason: "invalid" });

    const user = await createUser({ email: `victim-${randomUUID()}@example.com`, name: "Victim", role: "user", passwordHash: await hashPassword(PASSWORD) }, { actorId: "test" });
    expect(await attempt(99, user.email, PASSWORD)).toEqual({ ok: false, reason: "throttled" });
    const entry = (await listAuditByTarget(user.id)).items.find((e) => e.action === "auth.sign_in_failed");
    expect(entry).toMatchObject({ ipAddress: address, details: { reason: "throttled" } });

    // Another connection is not affected.
    const elsewhere = await store.run({ remoteAddress: socketAddress(), encrypted: false }, () => verifySignIn(user.email, PASSWORD, contextFromHeaders(forged(5))));
    expect(elsewhere).toMatchObject({ ok: true });
  });

  it("records failures under the connection's address, never a forged one", async () => {
    const address = socketAddress();
    const email = `nobody-${randomUUID()}@example.com`;
    await store.run({ remoteAddress: address, encrypted: false }, () => verifySignIn(email, "guess", contextFromHeaders(forged(7))));
    const entry = (await listAuditByAction("auth.sign_in_failed", { limit: 100 })).items.find((e) => e.details.email === email);
    expect(entry).toMatchObject({ ipAddress: address, userAgent: "attacker" });
  });
});
