import { type Actor, grantableRoles } from "@/lib/auth/permissions";
import type { UserFilter } from "@/lib/validation/users";

/**
 * The part of a users-list filter the viewer may change in bulk, or null when it is none of
 * it: managers change role-user accounts only, so their "all matching" is the users among the
 * matches. The count in "Select all N matching" and the bulk action read the same filter.
 */
export function changeableFilter(viewer: Actor, filter: UserFilter): UserFilter | null {
  if (viewer.role === "admin") return filter;
  if (!grantableRoles(viewer).includes("user")) return null;
  if (filter.role && filter.role !== "user") return null;
  return { ...filter, role: "user" };
}
