"use server";
import { after } from "next/server";
import { requestPasswordReset } from "@/lib/auth/forgot-password";
import { requestOrigin } from "@/lib/auth/request-context";
import { ThrottledError } from "@/lib/errors";
import type { FormState } from "@/lib/types/action-result";
import { forgotPasswordSchema } from "@/lib/validation/users";
import { formValues, publicAction } from "../safe-action";

/** What the form gets back: `ok` means the request was taken, in words that do not tell whether the email exists. */
export type ForgotPasswordState = FormState<{ email: string }, "email">;

const THROTTLED = "Too many reset requests. Wait a few minutes and try again.";

/** Public: anyone may ask; only the owner of the mailbox can use what it sends. */
const requestReset = publicAction(forgotPasswordSchema, async ({ email }, { request }) => {
  const answer = await requestPasswordReset(email, request, await requestOrigin());
  if (answer.status === "throttled") throw new ThrottledError(THROTTLED);
  // After the response, so that how long sending takes cannot tell whether the account exists.
  after(() => answer.deliver().catch((error: unknown) => console.error("sending the reset link failed", error)));
  return { email };
});

export async function forgotPasswordAction(_previous: ForgotPasswordState, formData: FormData): Promise<ForgotPasswordState> {
  const values = formValues(formData, ["email"]);
  return { ...(await requestReset(values)), values: { email: values.email.slice(0, 320) } };
}
