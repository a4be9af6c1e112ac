import { z } from "zod";

// Characters that make text lie about itself: C0/C1 controls, bidi marks, overrides and
// isolates (which can reverse how a name reads) and invisible separators. ZWJ/ZWNJ stay
// allowed: emoji sequences and several scripts need them.
const DECEPTIVE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x001f],
  [0x007f, 0x009f],
  [0x200b, 0x200b],
  [0x200e, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x2064],
  [0x2066, 0x2069],
  [0xfeff, 0xfeff],
];

export function hasDeceptiveCharacters(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (DECEPTIVE_RANGES.some(([from, to]) => code >= from && code <= to)) return true;
  }
  return false;
}

/** Single-line human text: trimmed, NFC-normalised, bounded, free of deceptive characters. */
export function plainText(label: string, max: number) {
  return z
    .string({ error: `${label} is required.` })
    .transform((v) => v.normalize("NFC").trim())
    .pipe(
      z
        .string()
        .min(1, `${label} is required.`)
        .max(max, `${label} must be at most ${max} characters.`)
        .refine((v) => !hasDeceptiveCharacters(v), `${label} contains invisible or control characters.`),
    );
}
