import type { ReactNode } from "react";
import { requirePermission } from "@/lib/auth/current-user";

// Checked here, above the pages' loading boundaries, so a refusal is still a real 403 before
// anything streams. Each page and action checks again for what it does.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requirePermission("users.list");
  return children;
}
