"use server";
import { listUsers } from "@/lib/db/user-directory";
import { listUsersSchema } from "@/lib/validation/users";
import { action } from "../safe-action";

export const listUsersAction = action(listUsersSchema, async ({ filter, cursor }) => listUsers(filter, { cursor, limit: 50 }), { permission: "users.list" });
