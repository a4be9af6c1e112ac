import { type BadgeTone, StatusBadge } from "@/components/ui/status-badge";
import type { UserStatus } from "@/lib/users/status";

export const STATUS_LABELS: Record<UserStatus, string> = { active: "Active", invited: "Invited", inactive: "Deactivated" };
const TONES: Record<UserStatus, BadgeTone> = { active: "success", invited: "warning", inactive: "neutral" };

/** Whether the account may sign in (and whether they have set a password yet), as the users table and the user page show it. */
export function UserStatusBadge({ status }: { status: UserStatus }) {
  return <StatusBadge tone={TONES[status]}>{STATUS_LABELS[status]}</StatusBadge>;
}
