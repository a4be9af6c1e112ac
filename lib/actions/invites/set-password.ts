"use server";
import { hashPassword } from "@/lib/auth/password";
import { signIn } from "@/lib/auth/auth";
import { requestContext } from "@/lib/auth/request-context";
import { consumeInvite } from "@/lib/db/invites";
import { getUser } from "@/lib/db/users";
import { setPasswordSchema } from "@/lib/validation/users";
import { type ActionFailure, failure, fieldErrorsOf } from "../safe-action";

/**
 * Public (the invitee has no session yet): the link's token is the credential. Sets the
 * password, spends the link, then signs the person in.
 */
export async function setPasswordAction(input: { token: string; password: string; confirm: string }): Promise<ActionFailure | undefined> {
  const parsed = setPasswordSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) };
  let email: string;
  try {
    const { userId } = await consumeInvite(parsed.data.token, await hashPassword(parsed.data.password), await requestContext());
    const user = await getUser(userId, { consistent: true });
    if (!user) return { ok: false, error: "This account no longer exists." };
    email = user.email;
  } catch (error) {
    return failure(error);
  }
  // Redirects home on success (Next's redirect signal propagates from here).
  await signIn("credentials", { email, password: parsed.data.password, redirectTo: "/" });
}
