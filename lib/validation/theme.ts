import { isJsonObject, type JsonObject } from "@/lib/custom-fields/validation";

/** A saved theme; none (system) follows the operating system. */
export type ThemePreference = "dark" | "light";

/** The theme a profile's custom fields choose (`preferences.theme`, the spec's example), or null. */
export function themeOf(customFields: JsonObject): ThemePreference | null {
  const preferences = customFields.preferences;
  const theme = isJsonObject(preferences) ? preferences.theme : undefined;
  return theme === "dark" || theme === "light" ? theme : null;
}
