"use server";
import { z } from "zod";
import { signOut } from "@/lib/auth/auth";
import { endSession } from "@/lib/db/sessions";
import { action } from "../safe-action";

const endThisSession = action(z.object({}), async (_input, { session, audit }) => {
  await endSession(session, audit);
  return null;
}, { secondFactorSetup: true });

/**
 * Ends the server-side session (so a copy of the cookie stops working at once), audits it in
 * the same transaction, then clears the cookie. If DynamoDB cannot be reached the cookie is
 * still cleared: the person asked to leave this browser.
 */
export async function signOutAction(): Promise<void> {
  const ended = await endThisSession({});
  if (!ended.ok && !ended.sessionEnded) console.error("sign-out could not end the server-side session:", ended.error);
  await signOut({ redirectTo: "/sign-in" });
}
