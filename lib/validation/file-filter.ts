// The list filters the files pages keep in their URL (`?q=…&tag=…&kind=…&purpose=…`). Free of
// zod on purpose: the files list ships this to the browser, and zod stays out of its first load.

/** "image" (raster images) or "document" (anything else), as the list filters them. */
export const FILE_KINDS = ["image", "document"] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/**
 * What the files are for: "documents" (uploads and exports, the default), "profile-images"
 * (avatars and backgrounds, which the profiles pages manage) or "all".
 */
export const FILE_PURPOSE_FILTERS = ["documents", "profile-images", "all"] as const;
export type FilePurposeFilter = (typeof FILE_PURPOSE_FILTERS)[number];
export const DEFAULT_PURPOSE_FILTER: FilePurposeFilter = "documents";

export interface FileFilter {
  /** Words of the name, matched case- and accent-insensitively. */
  q?: string;
  tag?: string;
  kind?: FileKind;
  /** Absent means the default, "documents". */
  purpose?: Exclude<FilePurposeFilter, "documents">;
}

type SearchValue = string | string[] | null | undefined;

/** The filter from search params as a page or `useSearchParams` gives them; junk is dropped. */
export function fileFilterFrom(search: { q?: SearchValue; tag?: SearchValue; kind?: SearchValue; purpose?: SearchValue }): FileFilter {
  const first = (value: SearchValue) => (Array.isArray(value) ? value[0] : (value ?? undefined));
  const q = first(search.q)?.trim().slice(0, 100);
  const tag = first(search.tag)?.trim().slice(0, 40);
  const kind = FILE_KINDS.find((k) => k === first(search.kind));
  const purpose = FILE_PURPOSE_FILTERS.find((p) => p === first(search.purpose) && p !== DEFAULT_PURPOSE_FILTER) as FileFilter["purpose"];
  return { ...(q ? { q } : {}), ...(tag ? { tag } : {}), ...(kind ? { kind } : {}), ...(purpose ? { purpose } : {}) };
}

export function fileFilterQuery(filter: FileFilter): string {
  const params = new URLSearchParams();
  if (filter.q) params.set("q", filter.q);
  if (filter.tag) params.set("tag", filter.tag);
  if (filter.kind) params.set("kind", filter.kind);
  if (filter.purpose) params.set("purpose", filter.purpose);
  const query = params.toString();
  return query ? `?${query}` : "";
}
