// What may be uploaded for each purpose: types, size, and where it belongs. Shared by the
// uploader (to refuse before any byte is sent and to show the limits) and the server (which
// checks again, and then checks the bytes themselves on completion).
import { sizesApart } from "@/lib/format/bytes";

export const UPLOAD_PURPOSES = ["avatar", "background", "document"] as const;
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];
/** What a stored file is for: an upload's purpose, or "export" for a PDF the app made (lib/exports/), which nobody uploads. */
export const FILE_PURPOSES = [...UPLOAD_PURPOSES, "export"] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

const MB = 1024 * 1024;

export const MIME = {
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  pdf: "application/pdf",
  text: "text/plain",
  csv: "text/csv",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

export const EXTENSIONS: Record<string, string[]> = {
  [MIME.jpeg]: ["jpg", "jpeg"],
  [MIME.png]: ["png"],
  [MIME.webp]: ["webp"],
  [MIME.pdf]: ["pdf"],
  [MIME.text]: ["txt", "text", "md", "log"],
  [MIME.csv]: ["csv"],
  [MIME.docx]: ["docx"],
  [MIME.xlsx]: ["xlsx"],
};

export interface UploadPolicy {
  purpose: UploadPurpose;
  label: string;
  mimeTypes: readonly string[];
  maxBytes: number;
  /** Avatars and backgrounds belong to a profile; documents to the user. */
  belongsToProfile: boolean;
}

const IMAGES = [MIME.jpeg, MIME.png, MIME.webp] as const;

export const UPLOAD_POLICIES: Record<UploadPurpose, UploadPolicy> = {
  avatar: { purpose: "avatar", label: "Avatar", mimeTypes: IMAGES, maxBytes: 5 * MB, belongsToProfile: true },
  background: { purpose: "background", label: "Background", mimeTypes: IMAGES, maxBytes: 5 * MB, belongsToProfile: true },
  document: {
    purpose: "document",
    label: "Document",
    mimeTypes: [MIME.pdf, ...IMAGES, MIME.text, MIME.csv, MIME.docx, MIME.xlsx],
    maxBytes: 25 * MB,
    belongsToProfile: false,
  },
};

/** Never accepted, whatever type the browser claims for them. */
const REFUSED_EXTENSIONS = new Set(["exe", "msi", "bat", "cmd", "com", "scr", "ps1", "sh", "js", "mjs", "jar", "apk", "dll", "svg", "svgz", "html", "htm", "xhtml", "xml", "php"]);

/** The last path segment of a name as the browser sent it. */
export function baseName(name: string): string {
  return name.split(/[/\\]/).pop() ?? "";
}

export function extensionOf(name: string): string {
  const base = baseName(name);
  const dot = base.lastIndexOf(".");
  const extension = dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
  return /^[a-z0-9]{1,10}$/.test(extension) ? extension : "";
}

export function isRasterImage(mimeType: string): boolean {
  return (IMAGES as readonly string[]).includes(mimeType);
}

/** Why a file may not be uploaded for a purpose, or null when it may. */
export function uploadProblem(purpose: UploadPurpose, file: { name: string; type: string; size: number }): string | null {
  const policy = UPLOAD_POLICIES[purpose];
  const extension = extensionOf(file.name);
  if (REFUSED_EXTENSIONS.has(extension)) return `.${extension} files cannot be uploaded.`;
  if (!policy.mimeTypes.includes(file.type)) {
    return `${policy.label} uploads must be ${describeTypes(policy)}${file.type ? ` (this is ${file.type})` : ""}.`;
  }
  if (!(EXTENSIONS[file.type] ?? []).includes(extension)) return `The file name's extension does not match its type (${file.type}).`;
  if (file.size <= 0) return "The file is empty.";
  if (file.size > policy.maxBytes) {
    const sizes = sizesApart(policy.maxBytes, file.size);
    return `${policy.label} uploads can be at most ${sizes.limit} (this is ${sizes.actual}).`;
  }
  return null;
}

export function describeTypes(policy: UploadPolicy): string {
  const names = [...new Set(policy.mimeTypes.flatMap((m) => (EXTENSIONS[m] ?? []).slice(0, 1)))].map((e) => e.toUpperCase());
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} or ${names.at(-1)}` : (names[0] ?? "");
}
