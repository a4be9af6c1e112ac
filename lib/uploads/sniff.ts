// Checks a file's first bytes against the type it was declared as: a ".png" whose bytes are
// HTML, or an executable renamed to ".pdf", is refused however the browser labelled it.
import { MIME } from "./policies";

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) => signature.every((b, i) => bytes[offset + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const MARKUP = /^\s*(<\?xml|<!doctype|<html|<head|<body|<script|<svg|<iframe|<object|<meta)/i;

function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, Math.max(0, bytes.length - 3)));
    return !MARKUP.test(text.replace(/^\ufeff/, ""));
  } catch {
    return false;
  }
}

/** Whether the first bytes (4 KB is plenty) fit the declared MIME type. */
export function bytesMatchType(bytes: Uint8Array, mimeType: string): boolean {
  if (startsWith(bytes, ascii("MZ")) || startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return false; // Windows / ELF executables
  switch (mimeType) {
    case MIME.jpeg:
      return startsWith(bytes, [0xff, 0xd8, 0xff]);
    case MIME.png:
      return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case MIME.webp:
      return startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8);
    case MIME.pdf:
      return startsWith(bytes, ascii("%PDF-"));
    case MIME.docx:
    case MIME.xlsx:
      return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
    case MIME.text:
    case MIME.csv:
      return looksLikeText(bytes);
    default:
      return false;
  }
}
