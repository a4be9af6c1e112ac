// Downloads started from the page: following a URL, or saving bytes the page has read (an
// export's stream), through a temporary link.

/** Clicks a temporary link to `href`: `download` saves it under that name, `newTab` opens it in a new tab. */
export function followLink(href: string, { download, newTab = false }: { download?: string; newTab?: boolean } = {}): void {
  const link = document.createElement("a");
  link.href = href;
  if (download !== undefined) link.download = download;
  if (newTab) {
    link.target = "_blank";
    link.rel = "noopener noreferrer";
  }
  document.body.append(link);
  link.click();
  link.remove();
}

/** Saves `blob` as a file named `filename`. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  followLink(url, { download: filename });
  // The browser reads the blob after click() returns; give it time before freeing it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The name a Content-Disposition header gives the file (`filename="…"`), or `fallback`. */
export function filenameFromDisposition(disposition: string | null, fallback: string): string {
  return /filename="([^"]+)"/.exec(disposition ?? "")?.[1] ?? fallback;
}
