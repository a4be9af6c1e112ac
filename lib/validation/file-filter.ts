// The list filters the files pages keep in their URL (`?tag=…&kind=…`). Free of zod on
// purpose: the files list ships this to the browser, and zod stays out of its first load.

/** "image" (raster images) or "document" (anything else), as the list filters them. */
export const FILE_KINDS = ["image", "document"] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export interface FileFilter {
  tag?: string;
  kind?: FileKind;
}

type SearchValue = string | string[] | null | undefined;

/** The filter from search params as a page or `useSearchParams` gives them; junk is dropped. */
export function fileFilterFrom(search: { tag?: SearchValue; kind?: SearchValue }): FileFilter {
  const first = (value: SearchValue) => (Array.isArray(value) ? value[0] : (value ?? undefined));
  const tag = first(search.tag)?.trim().slice(0, 40);
  const kind = FILE_KINDS.find((k) => k === first(search.kind));
  return { ...(tag ? { tag } : {}), ...(kind ? { kind } : {}) };
}

export function fileFilterQuery(filter: FileFilter): string {
  const params = new URLSearchParams();
  if (filter.tag) params.set("tag", filter.tag);
  if (filter.kind) params.set("kind", filter.kind);
  const query = params.toString();
  return query ? `?${query}` : "";
}
