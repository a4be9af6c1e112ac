"use server";
import { revalidatePath } from "next/cache";
import { passkeyRegistrationOptions, registerPasskey, relyingPartyFor, removeUserPasskey } from "@/lib/auth/passkeys";
import { SECOND_FACTOR_SETUP_PATH } from "@/lib/auth/mfa-policy";
import { requestOrigin } from "@/lib/auth/request-context";
import { newPasskeySchema, passkeyIdSchema, registerPasskeySchema } from "@/lib/validation/passkeys";
import { action } from "../safe-action";

// The signed-in user's own passkeys: every action works on the caller read from DynamoDB on
// this request, never on a user id the browser sends. Adding one is part of setting up a
// second factor (MFA_REQUIRED_ROLES), so it is allowed before one exists.

/** Checks the name and choice, then hands out the options for the browser's create() call. */
export const startPasskeyRegistrationAction = action(
  newPasskeySchema,
  async ({ passwordless }, { user }) => ({ options: await passkeyRegistrationOptions(user, relyingPartyFor(await requestOrigin()), { passwordless }) }),
  { secondFactorSetup: true },
);

export const finishPasskeyRegistrationAction = action(
  registerPasskeySchema,
  async (input, { user, audit }) => {
    const passkey = await registerPasskey(user, relyingPartyFor(await requestOrigin()), input, audit);
    revalidatePath(SECOND_FACTOR_SETUP_PATH);
    return { passkey };
  },
  { secondFactorSetup: true },
);

export const removePasskeyAction = action(passkeyIdSchema, async ({ credentialId }, { user, audit }) => {
  await removeUserPasskey(user, credentialId, audit);
  revalidatePath(SECOND_FACTOR_SETUP_PATH);
  return null;
});
