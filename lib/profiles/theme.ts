import "server-only";
import { cache } from "react";
import { getCurrentUser } from "@/lib/auth/current-user";
import { getProfile } from "@/lib/db/profiles";
import { isJsonObject } from "@/lib/custom-fields/validation";

export type ThemePreference = "dark" | "light";

/**
 * The signed-in user's theme from their default profile's `customFields.preferences.theme`
 * (the spec's example record has it); null follows the system. A strongly consistent read,
 * so a saved preference applies on the very next page.
 */
export const currentTheme = cache(async (): Promise<ThemePreference | null> => {
  const user = await getCurrentUser().catch(() => null);
  if (!user?.defaultProfileId) return null;
  // Cosmetic: during an outage the page (or its error boundary) renders in the system theme.
  const profile = await getProfile(user.defaultProfileId, { consistent: true }).catch(() => null);
  const preferences = profile?.customFields.preferences;
  const theme = isJsonObject(preferences) ? preferences.theme : undefined;
  return theme === "dark" || theme === "light" ? theme : null;
});
