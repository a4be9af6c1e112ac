import "server-only";
import type { AuditContext } from "@/lib/db/audit";
import { createProfile, getDefaultProfile, updateProfile } from "@/lib/db/profiles";
import { AppError, ConflictError } from "@/lib/errors";
import { isJsonObject, type JsonObject } from "@/lib/custom-fields/validation";

export const THEME_CHOICES = ["system", "light", "dark"] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

const ATTEMPTS = 3;

/** The default profile's custom fields with the theme set ("system" removes it), or null if unchanged. */
export function withTheme(customFields: JsonObject, theme: ThemeChoice): JsonObject | null {
  const current = customFields.preferences;
  if (current !== undefined && !isJsonObject(current)) {
    // Someone keeps their own "preferences" value there: it is not replaced behind their back.
    throw new AppError("Your default profile has a “preferences” field that is not a group of fields; change it there to save a theme.");
  }
  const preferences: JsonObject = { ...(current ?? {}) };
  if ((preferences.theme ?? "system") === theme) return null;
  if (theme === "system") delete preferences.theme;
  else preferences.theme = theme;
  const next: JsonObject = { ...customFields };
  if (Object.keys(preferences).length) next.preferences = preferences;
  else delete next.preferences;
  return next;
}

/**
 * Saves the theme where the spec keeps it: `preferences.theme` in the custom fields of the
 * user's default profile (lib/profiles/theme.ts reads it for every page), as an ordinary
 * audited profile change. A user without a profile gets a "Personal" one to hold it. A profile
 * changed meanwhile (its editor open in another tab) is read again, so their edit is kept.
 */
export async function setTheme(userId: string, theme: ThemeChoice, ctx: AuditContext): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const profile = await getDefaultProfile(userId);
    if (!profile) {
      if (theme === "system") return;
      await createProfile(userId, { name: "Personal", type: "personal", customFields: { preferences: { theme } } }, ctx);
      return;
    }
    const customFields = withTheme(profile.customFields, theme);
    if (!customFields) return;
    try {
      await updateProfile(profile.id, profile.version, { customFields }, ctx);
      return;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt === ATTEMPTS) throw error;
    }
  }
}
