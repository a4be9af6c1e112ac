import { twMerge } from "tailwind-merge";

/**
 * Joins class names, skipping falsy ones; of two Tailwind classes that set the same thing
 * (`text-strong` then `text-danger`, `rounded` then `rounded-full`) the later one wins, so a
 * caller's className overrides a primitive's defaults.
 */
export function cn(...classes: Array<string | false | null | undefined>): string {
  return twMerge(classes.filter(Boolean).join(" "));
}
