"use server";
import { revalidatePath } from "next/cache";
import { can, grantableRoles } from "@/lib/auth/permissions";
import { updateUser } from "@/lib/db/users";
import { ForbiddenError } from "@/lib/errors";
import { updateUserSchema } from "@/lib/validation/users";
import { action } from "../safe-action";
import { userSubject } from "@/lib/auth/subjects";

export const updateUserAction = action(updateUserSchema, async ({ id, version, role, ...fields }, { user, audit }) => {
  const subject = await userSubject(user, id, "users.edit", "users.view");
  if (id === user.id && role !== subject.role) throw new ForbiddenError("You cannot change your own role; ask another admin.");
  if (role !== subject.role && (!can(user, "users.change_role", subject) || !grantableRoles(user).includes(role))) {
    throw new ForbiddenError("You may not change this user's role.");
  }
  const updated = await updateUser(id, version, { ...fields, role }, audit);
  revalidatePath("/admin/users");
  revalidatePath(`/admin/users/${id}`);
  return updated;
});
