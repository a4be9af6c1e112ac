// Formatting shared by the user pages. Dates are shown in UTC with a fixed pattern so the
// server's HTML and the browser's hydration agree whatever the viewer's locale or time zone.
import type { Role } from "@/lib/validation/users";

export function formatUtc(iso: string | undefined, fallback = "Never"): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : fallback;
}

export const ROLE_LABELS: Record<Role, string> = { admin: "Admin", manager: "Manager", user: "User" };
