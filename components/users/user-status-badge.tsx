import { StatusBadge } from "@/components/ui/status-badge";

/** Whether the account may sign in, as the users table and the user page show it. */
export function UserStatusBadge({ active }: { active: boolean }) {
  return <StatusBadge tone={active ? "success" : "neutral"}>{active ? "Active" : "Deactivated"}</StatusBadge>;
}
