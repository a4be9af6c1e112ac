"use server";
import { signOut } from "@/lib/auth/auth";
import { requestContext } from "@/lib/auth/request-context";
import { getCurrentSession } from "@/lib/auth/session";
import { endSession } from "@/lib/db/sessions";

/**
 * Ends the server-side session (so a copy of the cookie stops working at once), audits it in
 * the same transaction, then clears the cookie. If DynamoDB cannot be reached the cookie is
 * still cleared: the person asked to leave this browser.
 */
export async function signOutAction(): Promise<void> {
  try {
    const signedIn = await getCurrentSession();
    if (signedIn) {
      const { user, session } = signedIn;
      await endSession(session, { actorId: user.id, actorRole: user.role, ...(await requestContext()) });
    }
  } catch (error) {
    console.error("sign-out could not end the server-side session", error);
  }
  await signOut({ redirectTo: "/sign-in" });
}
