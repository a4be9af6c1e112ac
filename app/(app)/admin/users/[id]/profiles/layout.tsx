import type { ReactNode } from "react";
import { loadManagedOwner } from "./load";

// Checked above the pages' loading boundaries, so a refusal is a real 404 before anything streams.
export default async function ManagedProfilesLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  await loadManagedOwner((await params).id);
  return children;
}
