import "server-only";
import { type Delivery, sendMail } from "./mailer";

export interface InviteMail {
  to: string;
  name: string;
  url: string;
  expiresAt: string;
  /** "requested": the person asked for it themself ("Forgot password?"); the others name who sent it. */
  kind: "invite" | "reset" | "requested";
  inviterName?: string;
}

export function inviteMessage({ name, url, expiresAt, kind, inviterName }: Omit<InviteMail, "to">): { subject: string; text: string } {
  const expires = `${expiresAt.slice(0, 16).replace("T", " ")} UTC`;
  if (kind === "requested") {
    return {
      subject: "Reset your Pre-Work password",
      text: `Hello ${name},\n\nSomeone asked to reset the password of your Pre-Work account. If it was you, choose a new password here:\n\n${url}\n\nThe link works once and expires on ${expires}. If it was not you, ignore this email: your password stays as it is.\n`,
    };
  }
  const inviter = inviterName ?? "An administrator";
  return kind === "invite"
    ? {
        subject: "You are invited to Pre-Work",
        text: `Hello ${name},\n\n${inviter} created a Pre-Work account for you. Choose your password here:\n\n${url}\n\nThe link works once and expires on ${expires}.\n`,
      }
    : {
        subject: "Set a new Pre-Work password",
        text: `Hello ${name},\n\n${inviter} issued you a link to set a new Pre-Work password:\n\n${url}\n\nThe link works once and expires on ${expires}. Any earlier link no longer works.\n`,
      };
}

export function sendInviteEmail(mail: InviteMail): Promise<Delivery> {
  return sendMail({ to: mail.to, ...inviteMessage(mail) });
}
