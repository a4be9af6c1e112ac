// What a template thumbnail may be, shared by the form (which encodes the chosen image as a
// small JPEG before any byte is sent) and the server (which checks the stored object's size,
// type and first bytes again on completion).
import { sizesApart } from "@/lib/format/bytes";
import { MIME } from "@/lib/uploads/policies";

export const THUMBNAIL = {
  /** The type stored: always JPEG, whatever was chosen. */
  mimeType: MIME.jpeg,
  maxBytes: 1024 * 1024,
  /** What may be chosen in the form, before it is encoded. */
  sourceTypes: [MIME.jpeg, MIME.png, MIME.webp] as readonly string[],
  sourceMaxBytes: 20 * 1024 * 1024,
  /** The encoded image fits in this box, keeping its proportions. */
  width: 480,
  height: 320,
} as const;

/** Why a thumbnail of this type and size is refused, or null. */
export function thumbnailProblem(file: { type: string; size: number }, stage: "source" | "stored"): string | null {
  const types = stage === "source" ? THUMBNAIL.sourceTypes : [THUMBNAIL.mimeType];
  const max = stage === "source" ? THUMBNAIL.sourceMaxBytes : THUMBNAIL.maxBytes;
  if (!types.includes(file.type)) return stage === "source" ? "A thumbnail must be a JPG, PNG or WebP image." : "A thumbnail must be a JPEG image.";
  if (!Number.isInteger(file.size) || file.size <= 0) return "The image is empty.";
  if (file.size > max) {
    const sizes = sizesApart(max, file.size);
    return `A thumbnail can be at most ${sizes.limit} (this is ${sizes.actual}).`;
  }
  return null;
}
