import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

let transporter: Transporter | undefined;

export type Delivery = "sent" | "not_configured" | "failed";

export interface Mail {
  to: string;
  subject: string;
  /** Plain text only: names and links are never interpreted as markup. */
  text: string;
}

/** Sends when SMTP is configured; a failure is logged and reported, never thrown. */
export async function sendMail(mail: Mail): Promise<Delivery> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) return "not_configured";
  transporter ??= nodemailer.createTransport(SMTP_URL);
  try {
    await transporter.sendMail({ from: MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
    return "sent";
  } catch (error) {
    console.error("sending mail failed", error);
    return "failed";
  }
}

/** For tests that point SMTP somewhere else between cases. */
export function resetMailerForTests(): void {
  transporter?.close();
  transporter = undefined;
}
