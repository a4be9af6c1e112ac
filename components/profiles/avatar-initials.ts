// The fallback avatar: initials on a colour that stays the same for the same name.

/** First letters of the first and last word ("Ada King Lovelace" → "AL"), "?" for no name. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const firstLetter = (word: string | undefined) => (word ? (Array.from(word)[0] ?? "") : "");
  const letters = words.length > 1 ? firstLetter(words[0]) + firstLetter(words.at(-1)) : firstLetter(words[0]);
  return letters.toLocaleUpperCase() || "?";
}

// Each with white text at a contrast of at least 4.5:1, in light and dark themes alike.
export const AVATAR_COLOURS = [
  "bg-indigo-700",
  "bg-emerald-700",
  "bg-rose-700",
  "bg-amber-700",
  "bg-sky-700",
  "bg-violet-700",
  "bg-teal-700",
  "bg-fuchsia-700",
] as const;

export function avatarColour(name: string): (typeof AVATAR_COLOURS)[number] {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return AVATAR_COLOURS[hash % AVATAR_COLOURS.length]!;
}
