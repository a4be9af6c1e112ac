"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { acknowledgeChecklistItem } from "@/lib/templates/checklist";
import { action } from "../safe-action";

// The checklist's one action of its own: "I acknowledge". Field items move with a profile save,
// document items with an upload's completion (lib/uploads/service.ts).

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
