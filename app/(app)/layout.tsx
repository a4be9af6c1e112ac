import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/app-shell";
import { requireUser } from "@/lib/auth/current-user";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  // Each page decides about a second factor its role requires: the setup page must render in this shell.
  const user = await requireUser({ secondFactorSetup: true });
  return <AppShell user={user}>{children}</AppShell>;
}
