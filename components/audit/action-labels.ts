import type { AuditGroup } from "@/lib/audit/catalogue";

// Labels only (types imported, not the catalogue itself): the catalogue's zod schemas stay out
// of the browser bundle. Pages pass the action list down from the server.

export const GROUP_LABELS: Record<AuditGroup, string> = { users: "Users", profiles: "Profiles", files: "Files", templates: "Templates", "sign-ins": "Sign-ins" };

/** "user.role_changed" → "Role changed" (read under its group's heading). */
export function actionLabel(action: string): string {
  const verb = (action.split(".")[1] ?? action).replace(/_/g, " ");
  return verb.charAt(0).toUpperCase() + verb.slice(1);
}
