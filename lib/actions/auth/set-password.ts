"use server";
import { signIn } from "@/lib/auth/auth";
import { hashPassword } from "@/lib/auth/password";
import { consumeInvite } from "@/lib/db/invites";
import { getUser } from "@/lib/db/users";
import { AppError } from "@/lib/errors";
import { setPasswordSchema } from "@/lib/validation/users";
import { publicAction } from "../safe-action";

/**
 * Public (the invitee has no session yet): the link's token is the credential. Sets the
 * password, spends the link, then signs the person in; success redirects home, so nothing
 * comes back but a failure.
 */
export const setPasswordAction = publicAction(setPasswordSchema, async ({ token, password }, { request }): Promise<never> => {
  const { userId } = await consumeInvite(token, await hashPassword(password), request);
  const user = await getUser(userId, { consistent: true });
  if (!user) throw new AppError("This account no longer exists.");
  // Throws Next's redirect signal, which the tier lets through.
  await signIn("credentials", { email: user.email, password, redirectTo: "/" });
  throw new Error("signIn returned without redirecting");
});
