"use server";
import { revalidatePath } from "next/cache";
import { setUserActive } from "@/lib/db/users";
import { AppError } from "@/lib/errors";
import { setUserActiveSchema } from "@/lib/validation/users";
import { action } from "../safe-action";
import { userSubject } from "@/lib/auth/subjects";

/** Deactivate (soft delete) or reactivate; the user's sessions end on their next request. */
export const setUserActiveAction = action(setUserActiveSchema, async ({ id, version, active }, { user, audit }) => {
  if (id === user.id && !active) throw new AppError("You cannot deactivate your own account.");
  await userSubject(user, id, "users.deactivate", "users.view");
  const updated = await setUserActive(id, version, active, audit);
  revalidatePath("/admin/users");
  revalidatePath(`/admin/users/${id}`);
  return updated;
});
