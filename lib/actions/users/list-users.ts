"use server";
import { can } from "@/lib/auth/permissions";
import { listUsers } from "@/lib/db/user-directory";
import { ForbiddenError } from "@/lib/errors";
import { listUsersSchema } from "@/lib/validation/users";
import { action } from "../safe-action";

export const listUsersAction = action(listUsersSchema, async ({ filter, cursor }, { user }) => {
  if (!can(user, "users.list")) throw new ForbiddenError();
  return listUsers(filter, { cursor, limit: 50 });
});
