// How the files list writes types and links (times: components/ui/format-date.ts).
import { EXTENSIONS } from "@/lib/uploads/policies";

/** "PDF", "PNG", "DOCX"… from the MIME type, or the MIME type itself when unknown. */
export function typeLabel(mimeType: string): string {
  return EXTENSIONS[mimeType]?.[0]?.toUpperCase() ?? mimeType;
}

export const publicPath = (id: string) => `/f/${id}`;
