"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/auth";
import { requestOrigin } from "@/lib/auth/request-context";
import { safeReturnPath } from "@/lib/auth/safe-redirect";
import { signInSchema } from "@/lib/validation/users";

export interface SignInState {
  error?: string;
  fieldErrors?: { email?: string[]; password?: string[] };
  email?: string;
}

const GENERIC = "That email and password do not match an active account.";
const THROTTLED = "Too many failed attempts. Wait a few minutes and try again.";
const UNAVAILABLE = "Sign-in is unavailable right now: we cannot reach the account service. Please try again in a moment.";

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const raw = { email: formData.get("email"), password: formData.get("password") };
  const email = typeof raw.email === "string" ? raw.email.slice(0, 320) : "";
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: SignInState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if (key === "email" || key === "password") (fieldErrors[key] ??= []).push(issue.message);
    }
    return { error: "Please correct the highlighted fields.", fieldErrors, email };
  }
  try {
    // Redirects (by throwing Next's redirect signal) when the credentials are accepted.
    await signIn("credentials", { ...parsed.data, redirectTo: safeReturnPath(formData.get("callbackUrl"), await requestOrigin()) });
    return {};
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const message = error.code === "throttled" ? THROTTLED : error.code === "unavailable" ? UNAVAILABLE : GENERIC;
      return { error: message, email };
    }
    if (error instanceof AuthError) return { error: GENERIC, email };
    throw error;
  }
}
