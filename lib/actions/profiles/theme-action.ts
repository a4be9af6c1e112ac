"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { setTheme, THEME_CHOICES } from "@/lib/profiles/set-theme";
import { action } from "../safe-action";

/** The signed-in person's own theme (never someone else's: the user comes from the session). */
export const setThemeAction = action(z.object({ theme: z.enum(THEME_CHOICES, { error: "Choose system, light or dark." }) }), async ({ theme }, { user, audit }) => {
  await setTheme(user.id, theme, audit);
  // Every page's <html> carries the theme (app/layout.tsx).
  revalidatePath("/", "layout");
  return { theme };
});
