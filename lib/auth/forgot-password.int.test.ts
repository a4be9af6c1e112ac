import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { listAuditByAction, listAuditByTarget } from "@/lib/db/audit";
import { consumeInvite, findInvite, issuePasswordReset } from "@/lib/db/invites";
import { createUser, setUserActive } from "@/lib/db/users";
import { inviteLinkIn, type Mailbox, startMailbox, waitForMail } from "@/lib/email/testing/mailbox";
import { resetMailerForTests } from "@/lib/email/mailer";
import { env, resetEnvForTests } from "@/lib/env";
import { ValidationError } from "@/lib/errors";
import { requestPasswordReset } from "./forgot-password";

const ORIGIN = "http://localhost:3000";
let mailbox: Mailbox;
const address = () => `192.0.2.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 6)}`;

beforeAll(async () => {
  mailbox = await startMailbox();
  process.env.SMTP_URL = mailbox.url;
  resetEnvForTests();
  resetMailerForTests();
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  resetEnvForTests();
  resetMailerForTests();
  await mailbox.stop();
});

let ctx: { ipAddress: string; userAgent: string };
beforeEach(() => {
  ctx = { ipAddress: address(), userAgent: "vitest" };
});

async function person(active = true) {
  const user = await createUser({ email: `forgot-${randomUUID()}@example.com`, name: "Forgetful Person", role: "user" }, { actorId: "test" });
  return active ? user : setUserActive(user.id, user.version, false, { actorId: "test" });
}

const tokenOf = (link: string) => link.slice(link.lastIndexOf("/") + 1);

describe("forgot password", () => {
  it("emails an active account a one-time link that expires within the configured time", async () => {
    const user = await person();
    const before = Date.now();
    const answer = await requestPasswordReset(user.email, ctx, ORIGIN);
    expect(answer.status).toBe("accepted");
    if (answer.status !== "accepted") return;
    await answer.deliver();

    const mail = await waitForMail(mailbox.received, (m) => m.to.includes(user.email));
    expect(mail.subject).toBe("Reset your Pre-Work password");
    expect(mail.text).toContain("If it was not you, ignore this email");
    const link = inviteLinkIn(mail);
    expect(link.startsWith(`${ORIGIN}/invite/`)).toBe(true);
    const invite = await findInvite(tokenOf(link));
    expect(invite).toMatchObject({ userId: user.id, kind: "reset" });
    const lifetime = Date.parse(invite!.expiresAt) - before;
    expect(lifetime).toBeLessThanOrEqual(env().PASSWORD_RESET_LINK_MINUTES * 60_000 + 5_000);
    expect(lifetime).toBeGreaterThan((env().PASSWORD_RESET_LINK_MINUTES - 1) * 60_000);

    await consumeInvite(tokenOf(link), "new-hash", ctx);
    await expect(consumeInvite(tokenOf(link), "other-hash", ctx)).rejects.toBeInstanceOf(ValidationError);
    const actions = (await listAuditByTarget(user.id)).items;
    expect(actions.find((e) => e.action === "auth.password_reset_requested")).toMatchObject({
      userId: "anonymous",
      ipAddress: ctx.ipAddress,
      details: { email: user.email, outcome: "link_issued", expiresAt: invite!.expiresAt },
    });
  });

  it("answers an unknown email and a deactivated account exactly as an active one, and sends them nothing", async () => {
    const inactive = await person(false);
    const unknown = `nobody-${randomUUID()}@example.com`;
    for (const email of [unknown, inactive.email]) {
      const answer = await requestPasswordReset(email, { ...ctx, ipAddress: address() }, ORIGIN);
      expect(answer.status).toBe("accepted");
      if (answer.status === "accepted") await answer.deliver();
    }
    expect(mailbox.received().filter((m) => m.to.includes(unknown) || m.to.includes(inactive.email))).toHaveLength(0);
    const requested = (await listAuditByAction("auth.password_reset_requested", { limit: 100 })).items;
    expect(requested.find((e) => e.details.email === unknown)).toMatchObject({ userId: "anonymous", details: { outcome: "unknown_email" } });
    expect(requested.find((e) => e.details.email === inactive.email)).toMatchObject({ targetUserId: inactive.id, details: { outcome: "inactive" } });
  });

  it("replaces an earlier link: only the newest works", async () => {
    const user = await person();
    const earlier = await issuePasswordReset(user.id, { actorId: "admin" });
    const answer = await requestPasswordReset(user.email, ctx, ORIGIN);
    if (answer.status !== "accepted") throw new Error("expected to be accepted");
    await answer.deliver();
    expect(await findInvite(earlier.token)).toBeNull();
    expect(await findInvite(tokenOf(inviteLinkIn(await waitForMail(mailbox.received, (m) => m.to.includes(user.email)))))).not.toBeNull();
  });

  it("throttles repeated requests for one email, known or not, and audits only the first refusal", async () => {
    const max = env().PASSWORD_RESET_MAX_PER_EMAIL;
    for (const email of [(await person()).email, `nobody-${randomUUID()}@example.com`]) {
      for (let i = 0; i < max; i++) expect((await requestPasswordReset(email, { ...ctx, ipAddress: address() }, ORIGIN)).status).toBe("accepted");
      const refused = await Promise.all(Array.from({ length: 10 }, () => requestPasswordReset(email, { ...ctx, ipAddress: address() }, ORIGIN)));
      expect(refused.every((a) => a.status === "throttled")).toBe(true);
      const entries = (await listAuditByAction("auth.password_reset_requested", { limit: 100 })).items.filter((e) => e.details.email === email);
      expect(entries.filter((e) => e.details.outcome === "throttled")).toHaveLength(1);
      expect(entries).toHaveLength(max + 1);
    }
  });

  it("throttles many emails from one address", async () => {
    const max = env().PASSWORD_RESET_MAX_PER_IP;
    for (let i = 0; i < max; i++) await requestPasswordReset(`spray-${i}-${randomUUID()}@example.com`, ctx, ORIGIN);
    expect((await requestPasswordReset(`spray-last-${randomUUID()}@example.com`, ctx, ORIGIN)).status).toBe("throttled");
    expect((await requestPasswordReset(`spray-elsewhere-${randomUUID()}@example.com`, { ...ctx, ipAddress: address() }, ORIGIN)).status).toBe("accepted");
  });

  it("without SMTP, writes the link to the server log for a local developer, and never in production", async () => {
    const user = await person();
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const withEnv = async (vars: Record<string, string | undefined>, run: () => Promise<void>) => {
      const saved = { SMTP_URL: process.env.SMTP_URL, NODE_ENV: process.env.NODE_ENV };
      Object.assign(process.env, vars);
      for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k];
      resetEnvForTests();
      try {
        await run();
      } finally {
        Object.assign(process.env, saved);
        resetEnvForTests();
        resetMailerForTests();
      }
    };
    try {
      await withEnv({ SMTP_URL: undefined, NODE_ENV: "development" }, async () => {
        const answer = await requestPasswordReset(user.email, ctx, ORIGIN);
        if (answer.status === "accepted") await answer.deliver();
      });
      const logged = info.mock.calls.map((c) => String(c[0])).find((line) => line.includes(user.email));
      expect(logged).toMatch(new RegExp(`${ORIGIN}/invite/${user.id}\\.`));
      const token = /\/invite\/(\S+)/.exec(logged!)![1]!;
      expect(await findInvite(token)).toMatchObject({ userId: user.id });

      await withEnv({ SMTP_URL: undefined, NODE_ENV: "production" }, async () => {
        const answer = await requestPasswordReset(user.email, { ...ctx, ipAddress: address() }, ORIGIN);
        if (answer.status === "accepted") await answer.deliver();
      });
      expect(warn.mock.calls.map((c) => String(c[0])).join("\n")).toContain(`user ${user.id} asked for was not sent`);
      expect([...info.mock.calls, ...warn.mock.calls].flat().join("\n").match(/\/invite\//g)).toHaveLength(1);
    } finally {
      info.mockRestore();
      warn.mockRestore();
    }
  });
});
