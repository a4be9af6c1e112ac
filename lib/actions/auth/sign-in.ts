"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth/auth";
import { requestOrigin } from "@/lib/auth/request-context";
import { safeReturnPath } from "@/lib/auth/safe-redirect";
import { AppError, SERVICE_UNAVAILABLE_SIGN_IN, ThrottledError } from "@/lib/errors";
import type { FormState } from "@/lib/types/action-result";
import { signInSchema } from "@/lib/validation/users";
import { formValues, publicAction } from "../safe-action";

/** What the sign-in form gets back: the failure, and the email typed (never the password). */
export type SignInState = FormState<never, "email">;

const GENERIC = "That email and password do not match an active account.";
const THROTTLED = "Too many failed attempts. Wait a few minutes and try again.";

const signInWithPassword = publicAction(signInSchema.extend({ callbackUrl: z.string().max(4096).catch("") }), async ({ email, password, callbackUrl }): Promise<never> => {
  try {
    // Redirects (by throwing Next's redirect signal, which the tier lets through) when accepted.
    await signIn("credentials", { email, password, redirectTo: safeReturnPath(callbackUrl, await requestOrigin()) });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      if (error.code === "throttled") throw new ThrottledError(THROTTLED);
      throw new AppError(error.code === "unavailable" ? SERVICE_UNAVAILABLE_SIGN_IN : GENERIC);
    }
    if (error instanceof AuthError) throw new AppError(GENERIC);
    throw error;
  }
  throw new Error("signIn returned without redirecting");
});

/** For `<form action>` with useActionState: works before (and without) JavaScript too. */
export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const values = formValues(formData, ["email", "password", "callbackUrl"]);
  return { ...(await signInWithPassword(values)), values: { email: values.email.slice(0, 320) } };
}
