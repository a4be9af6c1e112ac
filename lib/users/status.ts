// A user's status, free of zod so the users list's browser code can use it without the schema
// library (lib/validation/users.ts builds its filter schema from USER_STATUSES).
import type { User } from "@/lib/validation/users";

export const USER_STATUSES = ["active", "invited", "inactive"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** Deactivation wins: a deactivated invitee is "inactive", and "invited" again once reactivated. */
export function userStatus(user: Pick<User, "isActive" | "invitedAt">): UserStatus {
  if (!user.isActive) return "inactive";
  return user.invitedAt ? "invited" : "active";
}
