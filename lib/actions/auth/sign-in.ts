"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { SecondFactorRequired, signIn } from "@/lib/auth/auth";
import { relyingPartyFor, signInPasskeyOptions } from "@/lib/auth/passkeys";
import type { SecondFactorMethods } from "@/lib/auth/sign-in";
import { requestOrigin } from "@/lib/auth/request-context";
import { safeReturnPath } from "@/lib/auth/safe-redirect";
import { AppError, SERVICE_UNAVAILABLE_SIGN_IN, ThrottledError, ValidationError } from "@/lib/errors";
import type { FormState } from "@/lib/types/action-result";
import { secondFactorSignInSchema, WRONG_SECOND_FACTOR } from "@/lib/validation/mfa";
import { passkeySignInSchema } from "@/lib/validation/passkeys";
import { signInSchema } from "@/lib/validation/users";
import { formValues, publicAction } from "../safe-action";

/**
 * What the sign-in form gets back: the failure and the email typed (never the password), or,
 * for an account with two-factor authentication, the challenge of the second step.
 */
export type SignInState = FormState<{ challenge: string; methods: SecondFactorMethods }, "email">;

/** The second step's form: the failure, or `expired` when the sign-in must start again. */
export type SecondFactorState = FormState<{ expired: true }>;

const GENERIC = "That email and password do not match an active account.";
const THROTTLED = "Too many failed attempts. Wait a few minutes and try again.";

const callbackUrl = z.string().max(4096).catch("");

/** Signs in through Auth.js, which redirects (by throwing Next's signal, let through by the tier) when accepted. */
async function signInWith(credentials: Record<string, string>, returnTo: string, wrong: () => Error): Promise<never> {
  try {
    await signIn("credentials", { ...credentials, redirectTo: safeReturnPath(returnTo, await requestOrigin()) });
  } catch (error) {
    if (error instanceof SecondFactorRequired) throw error;
    if (error instanceof CredentialsSignin) {
      if (error.code === "throttled") throw new ThrottledError(THROTTLED);
      if (error.code === "unavailable") throw new AppError(SERVICE_UNAVAILABLE_SIGN_IN);
      if (error.code === "expired") throw new ChallengeExpired();
      throw wrong();
    }
    if (error instanceof AuthError) throw wrong();
    throw error;
  }
  throw new Error("signIn returned without redirecting");
}

/** The challenge was unknown, spent or too old. */
class ChallengeExpired extends Error {}

const signInWithPassword = publicAction(signInSchema.extend({ callbackUrl }), async ({ email, password, callbackUrl }) => {
  try {
    return await signInWith({ email, password }, callbackUrl, () => new AppError(GENERIC));
  } catch (error) {
    if (error instanceof SecondFactorRequired) return { challenge: error.challenge, methods: error.methods };
    throw error;
  }
});

/** For `<form action>` with useActionState: works before (and without) JavaScript too. */
export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const values = formValues(formData, ["email", "password", "callbackUrl"]);
  return { ...(await signInWithPassword(values)), values: { email: values.email.slice(0, 320) } };
}

const secondStepSchema = z.intersection(secondFactorSignInSchema, z.object({ callbackUrl }));

const signInWithSecondFactor = publicAction(secondStepSchema, async ({ challenge, method, code, callbackUrl }): Promise<{ expired: true }> => {
  try {
    return await signInWith({ challenge, method, code }, callbackUrl, () => new ValidationError(WRONG_SECOND_FACTOR, { code: [WRONG_SECOND_FACTOR] }));
  } catch (error) {
    if (error instanceof ChallengeExpired) return { expired: true };
    throw error;
  }
});

/** The second step, for `<form action>`: the code from the authenticator app or a recovery code. */
export async function signInSecondFactorAction(_previous: SecondFactorState, formData: FormData): Promise<SecondFactorState> {
  const values = formValues(formData, ["challenge", "method", "code", "callbackUrl"]);
  // Plain strings from the form: the tier parses them, a `method` of anything else included.
  const result = await signInWithSecondFactor(values as z.input<typeof secondStepSchema>);
  // A malformed challenge is as good as an expired one: start again.
  if (!result.ok && result.fieldErrors?.challenge) return { ok: true, data: { expired: true } };
  return result;
}

const WRONG_PASSKEY = "That passkey did not sign you in. Use another one, or sign in with your password.";
const passkeyChallengeSchema = z.object({ challenge: passkeySignInSchema.shape.challenge });

/**
 * Options for the browser's passkey dialog: with `challenge` (the password step's), for the
 * second step (`expired` when that step is gone); without, for a passwordless sign-in.
 */
export const passkeySignInOptionsAction = publicAction(passkeyChallengeSchema, async ({ challenge }, { request }) => {
  const options = await signInPasskeyOptions(challenge, relyingPartyFor(await requestOrigin()), request);
  return options ? { options } : { expired: true as const };
});

/** Signs in with the passkey's answer (redirects when accepted); `expired` when the second step must start again. */
export const signInWithPasskeyAction = publicAction(passkeySignInSchema.extend({ callbackUrl }), async ({ response, challenge, callbackUrl }): Promise<{ expired: true }> => {
  try {
    return await signInWith({ passkey: response, ...(challenge ? { challenge } : {}) }, callbackUrl, () => new AppError(WRONG_PASSKEY));
  } catch (error) {
    if (error instanceof ChallengeExpired) return { expired: true };
    throw error;
  }
});
