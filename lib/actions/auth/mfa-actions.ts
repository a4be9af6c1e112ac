"use server";
import { revalidatePath } from "next/cache";
import { confirmEnrolment, disableSecondFactor, regenerateRecoveryCodes } from "@/lib/auth/mfa";
import { SECOND_FACTOR_SETUP_PATH } from "@/lib/auth/mfa-policy";
import { confirmEnrolmentSchema, secondFactorSchema } from "@/lib/validation/mfa";
import { action } from "../safe-action";

// Two-factor authentication of the signed-in user, for themself only: every action works on
// the caller read from DynamoDB on this request, never on an id the browser sends.

const ACCOUNT_SECURITY = SECOND_FACTOR_SETUP_PATH;

/** Turns two-factor authentication on; the recovery codes come back this once. */
export const confirmTotpEnrolmentAction = action(confirmEnrolmentSchema, async ({ enrolment, code }, { user, request, audit }) => {
  const recoveryCodes = await confirmEnrolment(user, enrolment, code, request, audit);
  revalidatePath(ACCOUNT_SECURITY);
  return { recoveryCodes };
}, { secondFactorSetup: true });

export const disableTwoFactorAction = action(secondFactorSchema, async (factor, { user, request, audit }) => {
  await disableSecondFactor(user, factor, request, audit);
  revalidatePath(ACCOUNT_SECURITY);
  return null;
});

/** Replaces every recovery code; the new ones come back this once. */
export const regenerateRecoveryCodesAction = action(secondFactorSchema, async (factor, { user, request, audit }) => {
  const recoveryCodes = await regenerateRecoveryCodes(user, factor, request, audit);
  revalidatePath(ACCOUNT_SECURITY);
  return { recoveryCodes };
});
