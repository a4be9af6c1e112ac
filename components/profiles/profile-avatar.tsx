// A placeholder avatar (the profile's initials) until avatar uploads exist. Decorative: the
// profile's name is always shown next to it.
const COLORS = [
  "bg-indigo-100 text-indigo-900 dark:bg-indigo-900 dark:text-indigo-100",
  "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  "bg-rose-100 text-rose-900 dark:bg-rose-900 dark:text-rose-100",
  "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100",
];

function initials(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : [words[0]];
  return letters.map((w) => [...(w ?? "")][0] ?? "").join("").toUpperCase() || "?";
}

export function ProfileAvatar({ id, name }: { id: string; name: string }) {
  const hash = [...id].reduce((sum, char) => (sum * 31 + (char.codePointAt(0) ?? 0)) % 1_000_003, 7);
  return (
    <span aria-hidden="true" className={`inline-flex size-12 shrink-0 items-center justify-center rounded-full text-base font-semibold ${COLORS[hash % COLORS.length]}`}>
      {initials(name)}
    </span>
  );
}
