import "server-only";
import { type Delivery, sendMail } from "./mailer";

export interface InviteMail {
  to: string;
  name: string;
  url: string;
  expiresAt: string;
  kind: "invite" | "reset";
  inviterName: string;
}

export function inviteMessage({ name, url, expiresAt, kind, inviterName }: Omit<InviteMail, "to">): { subject: string; text: string } {
  const expires = `${expiresAt.slice(0, 16).replace("T", " ")} UTC`;
  return kind === "invite"
    ? {
        subject: "You are invited to Pre-Work",
        text: `Hello ${name},\n\n${inviterName} created a Pre-Work account for you. Choose your password here:\n\n${url}\n\nThe link works once and expires on ${expires}.\n`,
      }
    : {
        subject: "Set a new Pre-Work password",
        text: `Hello ${name},\n\n${inviterName} issued you a link to set a new Pre-Work password:\n\n${url}\n\nThe link works once and expires on ${expires}. Any earlier link no longer works.\n`,
      };
}

export function sendInviteEmail(mail: InviteMail): Promise<Delivery> {
  return sendMail({ to: mail.to, ...inviteMessage(mail) });
}
