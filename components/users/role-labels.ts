import type { Role } from "@/lib/validation/users";

export const ROLE_LABELS: Record<Role, string> = { admin: "Admin", manager: "Manager", user: "User" };
