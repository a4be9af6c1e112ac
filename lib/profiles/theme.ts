import "server-only";
import { cache } from "react";
import { getCurrentUser } from "@/lib/auth/current-user";
import type { ThemePreference } from "@/lib/validation/theme";

export type { ThemePreference };

/**
 * The signed-in user's theme: their default profile's `customFields.preferences.theme` (the
 * spec's example record has it), which the user item shows (lib/db/profile-default.ts), so the
 * session's own read brings it and no page reads the profile for it; null follows the system.
 */
export const currentTheme = cache(async (): Promise<ThemePreference | null> => {
  // Cosmetic: during an outage the page (or its error boundary) renders in the system theme.
  const user = await getCurrentUser().catch(() => null);
  return user?.theme ?? null;
});
