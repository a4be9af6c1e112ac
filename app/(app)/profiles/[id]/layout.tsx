import type { ReactNode } from "react";
import { loadOwnProfile } from "./load";

// Checked above the page's loading boundary, so someone else's profile is a real 404.
export default async function OwnProfileLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  await loadOwnProfile((await params).id);
  return children;
}
