"use server";
import { revalidatePath } from "next/cache";
import { can, grantableRoles } from "@/lib/auth/permissions";
import { updateUser } from "@/lib/db/users";
import { ForbiddenError } from "@/lib/errors";
import { updateUserSchema } from "@/lib/validation/users";
import { action } from "../safe-action";
import { loadSubject } from "./load-subject";

export const updateUserAction = action(updateUserSchema, async ({ id, version, role, ...fields }, { user, audit }) => {
  const subject = await loadSubject(user, id, "users.edit");
  if (id === user.id && role !== subject.role) throw new ForbiddenError("You cannot change your own role; ask another admin.");
  if (role !== subject.role && (!can(user, "users.change_role", subject) || !grantableRoles(user).includes(role))) {
    throw new ForbiddenError("You may not change this user's role.");
  }
  const updated = await updateUser(id, version, { ...fields, role }, audit);
  revalidatePath("/admin/users");
  revalidatePath(`/admin/users/${id}`);
  return updated;
});
