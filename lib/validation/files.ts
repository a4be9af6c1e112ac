import { z } from "zod";
import { UPLOAD_PURPOSES } from "@/lib/uploads/policies";
import { uniqueTags } from "@/lib/format/fold";
import { FILE_KINDS, FILE_PURPOSE_FILTERS } from "./file-filter";
import { plainText } from "./text";

const id = z.uuid({ error: "Unknown file." });

export const startUploadSchema = z.object({
  purpose: z.enum(UPLOAD_PURPOSES),
  /** Whose space the file goes to; the signed-in user when absent. */
  ownerId: z.uuid().optional(),
  profileId: z.uuid().optional(),
  /** A document for that profile's checklist: the kind its template asks for. */
  documentKind: z.string().trim().min(1).max(64).optional(),
  name: plainText("File name", 255),
  type: z.string().max(255),
  size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});

export const fileIdSchema = z.object({ id });

export const cancelUploadSchema = z.object({
  id,
  reason: z.enum(["cancelled", "upload failed"]).default("cancelled"),
});

export const listFilesSchema = z.object({
  ownerId: z.uuid().optional(),
  tag: z.string().trim().max(40).optional(),
  kind: z.enum(FILE_KINDS).optional(),
  q: z.string().trim().max(100).optional(),
  purpose: z.enum(FILE_PURPOSE_FILTERS).optional(),
  cursor: z.string().max(4096).nullish(),
});

export const TAG_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} _-]{0,39}$/u;

export const updateFileSchema = z.object({
  id,
  version: z.number().int().min(1),
  displayName: plainText("Name", 255).optional(),
  tags: z
    .array(z.string().trim().regex(TAG_PATTERN, "Tags are 1–40 letters, digits, spaces, _ or -."))
    .max(20, "At most 20 tags.")
    // "CV" and "cv" are one tag, kept as first typed.
    .transform(uniqueTags)
    .optional(),
  isPublic: z.boolean().optional(),
  expiresAt: z.iso
    .datetime({ error: "Choose a valid date and time." })
    .refine((v) => Date.parse(v) > Date.now(), "The expiry must be in the future.")
    .nullable()
    .optional(),
});

// The edit forms of the files list. Each turns what the person typed into the action's own
// field schema, so the browser and the action agree on every rule.

export const renameFileFormSchema = z.object({ displayName: plainText("Name", 255) });

/** "a, b ,, c" → ["a", "b", "c"]. */
export function parseTags(text: string): string[] {
  return text
    .split(",")
    .map((tag) => tag.trim())
    .filter(Boolean);
}

const tagsField = updateFileSchema.shape.tags.unwrap();

export const fileTagsFormSchema = z.object({
  tags: z.string().transform((text, ctx) => {
    const parsed = tagsField.safeParse(parseTags(text));
    if (parsed.success) return parsed.data;
    ctx.addIssue({ code: "custom", message: parsed.error.issues[0]?.message ?? "Check the tags." });
    return z.NEVER;
  }),
});

/** A `datetime-local` value (the browser's time zone) as an ISO instant, or "" if it is none. */
export function localDateTimeToIso(value: string): string {
  const time = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value) ? new Date(value).getTime() : Number.NaN;
  return Number.isNaN(time) ? "" : new Date(time).toISOString();
}

/** An ISO instant as a `datetime-local` value in the browser's time zone. */
export function isoToLocalDateTime(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export const fileExpiryFormSchema = z.object({
  expiresAt: z
    .string()
    .min(1, "Choose a date and time.")
    .transform(localDateTimeToIso)
    .pipe(updateFileSchema.shape.expiresAt.unwrap().unwrap()),
});
