import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { sendInviteEmail } from "./invite-email";
import { resetMailerForTests } from "./mailer";
import { type Mailbox, startMailbox } from "./testing/mailbox";

// The test mailbox, a real SMTP server on a free local port, receives what the app sends.
let mailbox: Mailbox;

function useSmtp(url: string | undefined) {
  if (url) process.env.SMTP_URL = url;
  else delete process.env.SMTP_URL;
  resetEnvForTests();
  resetMailerForTests();
}

beforeAll(async () => {
  mailbox = await startMailbox();
});
afterAll(async () => {
  useSmtp(undefined);
  await mailbox.stop();
});

const mail = { to: "new.person@example.com", name: "New <b>Person</b>", url: "http://localhost:3000/invite/abc", expiresAt: "2026-11-28T10:00:00.000Z", kind: "invite" as const, inviterName: "Ada" };

describe("invite email", () => {
  it("is not sent, and says so, when SMTP is not configured", async () => {
    useSmtp(undefined);
    expect(await sendInviteEmail(mail)).toBe("not_configured");
  });

  it("is delivered as plain text with the link and expiry when SMTP is configured", async () => {
    useSmtp(mailbox.url);
    expect(await sendInviteEmail(mail)).toBe("sent");
    const message = mailbox.received().at(-1)?.raw ?? "";
    expect(message).toContain("To: new.person@example.com");
    expect(message).toContain("Subject: You are invited to Pre-Work");
    expect(message).toContain("http://localhost:3000/invite/abc");
    expect(message).toContain("2026-11-28 10:00 UTC");
    expect(message).toMatch(/Content-Type: text\/plain/i);
  });

  it("reports a failure instead of throwing when the server cannot be reached", async () => {
    useSmtp("smtp://127.0.0.1:1");
    expect(await sendInviteEmail({ ...mail, kind: "reset" })).toBe("failed");
  });
});
