import type { ReactNode } from "react";
import { loadManagedProfile } from "../load";

export default async function ManagedProfileLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string; profileId: string }> }) {
  const { id, profileId } = await params;
  await loadManagedProfile(id, profileId);
  return children;
}
