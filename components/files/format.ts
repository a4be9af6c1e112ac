// How the files list writes types and times. Times are shown in UTC, as on the users list, so
// the server-rendered page and the browser agree on every character.
import { EXTENSIONS } from "@/lib/uploads/policies";

export function formatDateTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** "PDF", "PNG", "DOCX"… from the MIME type, or the MIME type itself when unknown. */
export function typeLabel(mimeType: string): string {
  return EXTENSIONS[mimeType]?.[0]?.toUpperCase() ?? mimeType;
}

export const publicPath = (id: string) => `/f/${id}`;
