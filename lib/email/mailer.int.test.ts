import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import { resetEnvForTests } from "@/lib/env";
import { sendInviteEmail } from "./invite-email";
import { resetMailerForTests } from "./mailer";

// A real SMTP server on a free local port receives what the app sends.
const received: string[] = [];
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onData(stream, _session, callback) {
    let data = "";
    stream.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
    stream.on("end", () => {
      received.push(data);
      callback();
    });
  },
});

function useSmtp(url: string | undefined) {
  if (url) process.env.SMTP_URL = url;
  else delete process.env.SMTP_URL;
  resetEnvForTests();
  resetMailerForTests();
}

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  useSmtp(undefined);
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const mail = { to: "new.person@example.com", name: "New <b>Person</b>", url: "http://localhost:3000/invite/abc", expiresAt: "2026-11-28T10:00:00.000Z", kind: "invite" as const, inviterName: "Ada" };

describe("invite email", () => {
  it("is not sent, and says so, when SMTP is not configured", async () => {
    useSmtp(undefined);
    expect(await sendInviteEmail(mail)).toBe("not_configured");
  });

  it("is delivered as plain text with the link and expiry when SMTP is configured", async () => {
    const address = server.server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    useSmtp(`smtp://127.0.0.1:${port}`);
    expect(await sendInviteEmail(mail)).toBe("sent");
    const message = received.at(-1) ?? "";
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
