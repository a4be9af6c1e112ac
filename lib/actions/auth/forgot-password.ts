"use server";
import { after } from "next/server";
import { requestPasswordReset } from "@/lib/auth/forgot-password";
import { requestContext, requestOrigin } from "@/lib/auth/request-context";
import { forgotPasswordSchema } from "@/lib/validation/users";
import { failure, fieldErrorsOf } from "../safe-action";

export interface ForgotPasswordState {
  /** The request was taken: the page says so in words that do not tell whether the email exists. */
  sent?: boolean;
  error?: string;
  fieldErrors?: { email?: string[] };
  email?: string;
}

const THROTTLED = "Too many reset requests. Wait a few minutes and try again.";

/** Public: anyone may ask; only the owner of the mailbox can use what it sends. */
export async function forgotPasswordAction(_previous: ForgotPasswordState, formData: FormData): Promise<ForgotPasswordState> {
  const raw = formData.get("email");
  const email = typeof raw === "string" ? raw.slice(0, 320) : "";
  const parsed = forgotPasswordSchema.safeParse({ email: raw });
  if (!parsed.success) return { error: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error), email };
  try {
    const answer = await requestPasswordReset(parsed.data.email, await requestContext(), await requestOrigin());
    if (answer.status === "throttled") return { error: THROTTLED, email };
    // After the response, so that how long sending takes cannot tell whether the account exists.
    after(() => answer.deliver().catch((error: unknown) => console.error("sending the reset link failed", error)));
    return { sent: true, email: parsed.data.email };
  } catch (error) {
    return { error: failure(error).error, email };
  }
}
