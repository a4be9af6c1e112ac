"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { NotFoundError } from "@/lib/errors";
import { exportChecklistFor } from "@/lib/exports/checklist-export";
import { acknowledgeChecklistItem, buildChecklistView } from "@/lib/templates/checklist";
import { exportChecklistSchema } from "@/lib/validation/checklist-export";
import { action } from "../safe-action";

// The checklist's actions of its own: "I acknowledge" and "Export checklist". Field items move
// with a profile save, document items with an upload's completion (lib/uploads/service.ts).

const acknowledgeSchema = z.object({
  profileId: z.uuid({ error: "Unknown profile." }),
  itemId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "Unknown checklist item."),
});

export const acknowledgeChecklistItemAction = action(acknowledgeSchema, async ({ profileId, itemId }, { user, audit }) => {
  const outcome = await acknowledgeChecklistItem(user, profileId, itemId, audit);
  revalidatePath("/profiles", "layout");
  revalidatePath("/");
  return { outcome };
});

/**
 * "Export checklist": the profile's checklist as a PDF among its owner's files, one a day
 * (lib/exports/checklist-export.ts). The view is built for the person asking, through the
 * profile's guard, so an id of someone else's profile is not found.
 */
export const exportChecklistAction = action(exportChecklistSchema, async ({ profileId, timeZone }, { user, audit }) => {
  const view = await buildChecklistView(user, profileId);
  if (!view) throw new NotFoundError("This profile has no checklist to export.");
  const result = await exportChecklistFor(user, view, { audit, ...(timeZone ? { timeZone } : {}) });
  revalidatePath("/files");
  return result;
});
