import "server-only";
import { cache } from "react";
import { getCurrentUser } from "@/lib/auth/current-user";
import { profilesOfUser } from "./own-profiles";
import { isJsonObject } from "@/lib/custom-fields/validation";

export type ThemePreference = "dark" | "light";

/**
 * The signed-in user's theme from their default profile's `customFields.preferences.theme`
 * (the spec's example record has it); null follows the system. Read from the user's profiles
 * as the request reads them anyway (profilesOfUser: one Query shared with the home page and
 * the files list), so the theme costs no DynamoDB call of its own.
 */
export const currentTheme = cache(async (): Promise<ThemePreference | null> => {
  const user = await getCurrentUser().catch(() => null);
  if (!user?.defaultProfileId) return null;
  // Cosmetic: during an outage the page (or its error boundary) renders in the system theme.
  const profiles = await profilesOfUser(user.id).catch(() => []);
  const profile = profiles.find((p) => p.id === user.defaultProfileId);
  const preferences = profile?.customFields.preferences;
  const theme = isJsonObject(preferences) ? preferences.theme : undefined;
  return theme === "dark" || theme === "light" ? theme : null;
});
