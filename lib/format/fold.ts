// Text compared as a person reads it: "Zoë" matches "zoe", "CV" matches "cv". Free of server
// imports, so the files list and the tag forms share it with the repository.

/** Compatibility-normalised, accents and other combining marks removed, lower case. */
export function fold(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}+/gu, "").normalize("NFKC").toLowerCase();
}

/** Tags without case-insensitive repeats, each kept as first typed ("CV, cv, Cv" → ["CV"]). */
export function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((tag) => {
    const key = fold(tag);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether every word of `search` occurs in `name` (anywhere, so the start of any word too), ignoring case and accents. */
export function nameMatches(name: string, search: string): boolean {
  const folded = fold(name);
  return fold(search)
    .split(/\s+/u)
    .filter(Boolean)
    .every((word) => folded.includes(word));
}
