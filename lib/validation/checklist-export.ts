import { z } from "zod";

// The input of "Export checklist" (the action is wired where the checklist view is computed:
// lib/exports/checklist-export.ts exportChecklistFor is its core).

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export const exportChecklistSchema = z.object({
  profileId: z.uuid({ error: "Unknown profile." }),
  /** The browser's IANA zone, for the dates in the PDF; UTC without it. */
  timeZone: z
    .string()
    .max(64)
    .refine(isTimeZone, { error: "Unknown time zone." })
    .optional(),
});
export type ExportChecklistInput = z.input<typeof exportChecklistSchema>;
