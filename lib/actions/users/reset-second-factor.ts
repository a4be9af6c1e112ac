"use server";
import { revalidatePath } from "next/cache";
import { userSubject } from "@/lib/auth/subjects";
import { ProofRefused, resetSecondFactor } from "@/lib/db/credentials";
import { ConflictError } from "@/lib/errors";
import { userIdSchema } from "@/lib/validation/users";
import { action } from "../safe-action";

/** An admin removes someone else's second factor (a lost phone); that user's sessions end with it. */
export const resetSecondFactorAction = action(userIdSchema, async ({ id }, { user, audit }) => {
  await userSubject(user, id, "mfa.reset", "users.view");
  try {
    await resetSecondFactor(id, audit);
  } catch (error) {
    if (error instanceof ProofRefused) throw new ConflictError("This user has no two-factor authentication to reset.");
    throw error;
  }
  revalidatePath(`/admin/users/${id}`);
  return null;
});
