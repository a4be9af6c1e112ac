import { z } from "zod";
import { UPLOAD_PURPOSES } from "@/lib/uploads/policies";
import { plainText } from "./text";

const id = z.uuid({ error: "Unknown file." });

export const startUploadSchema = z.object({
  purpose: z.enum(UPLOAD_PURPOSES),
  /** Whose space the file goes to; the signed-in user when absent. */
  ownerId: z.uuid().optional(),
  profileId: z.uuid().optional(),
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
  kind: z.enum(["image", "document"]).optional(),
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
    .transform((tags) => [...new Set(tags)])
    .optional(),
  isPublic: z.boolean().optional(),
  expiresAt: z.iso
    .datetime({ error: "Choose a valid date and time." })
    .refine((v) => Date.parse(v) > Date.now(), "The expiry must be in the future.")
    .nullable()
    .optional(),
});
