// A real SMTP server on a free loopback port for tests, the only one: what the app sends is kept
// as received and parsed, in memory and, when `dir` is given, as one JSON file per message, so
// that processes other than the one running the server (Playwright's workers) can read the mail.
import { randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type AddressObject, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  receivedAt: string;
  /** The message as it came over SMTP, headers and all (for checks of what a client sees). */
  raw: string;
}

export interface Mailbox {
  /** What SMTP_URL should be. */
  url: string;
  received(): ReceivedMail[];
  stop(): Promise<void>;
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a) => a.value.map((v) => (v.address ?? "").toLowerCase())).filter(Boolean);
}

export async function startMailbox({ dir }: { dir?: string } = {}): Promise<Mailbox> {
  if (dir) mkdirSync(dir, { recursive: true });
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", (error: Error) => callback(error));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            const mail: ReceivedMail = {
              to: addresses(parsed.to),
              subject: parsed.subject ?? "",
              text: parsed.text ?? "",
              receivedAt: new Date().toISOString(),
              raw: raw.toString("utf8"),
            };
            received.push(mail);
            if (dir) writeFileSync(path.join(dir, `${Date.now()}-${randomUUID()}.json`), JSON.stringify(mail));
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => [...received],
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The messages a mailbox wrote to `dir`, oldest first. */
export function mailIn(dir: string): ReceivedMail[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".json")).sort();
  } catch {
    return [];
  }
  return names.map((n) => JSON.parse(readFileSync(path.join(dir, n), "utf8")) as ReceivedMail);
}

/** Waits for the first message `match` accepts (mail leaves after the response, so it may lag). */
export async function waitForMail(read: () => ReceivedMail[], match: (mail: ReceivedMail) => boolean, timeoutMs = 10_000): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = read().find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching email arrived within ${timeoutMs} ms (${read().length} received)`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The first link to this app's set-password page in a message. */
export function inviteLinkIn(mail: ReceivedMail): string {
  const link = /https?:\/\/\S+\/invite\/[A-Za-z0-9._-]+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no set-password link in: ${mail.text}`);
  return link;
}
