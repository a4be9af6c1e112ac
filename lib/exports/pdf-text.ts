import "server-only";
import bidiFactory, { type EmbeddingLevels } from "bidi-js";
import type { Color, PDFDocument, PDFFont, PDFPage } from "pdf-lib";
import { type FontWeight, fontsOf, type ShippedFont } from "./fonts";

// Text for PDFs in any script people write their names in. pdf-lib draws one font per call and
// knows nothing of direction, so a string is set here in four steps:
// 1. cleaned: control characters and explicit bidi controls (which could make a name display
//    as something else, and have no glyphs) are dropped, line breaks become spaces, NFC;
// 2. each character gets the first shipped font that has its glyph (lib/exports/fonts.ts);
//    spaces, digits, punctuation and combining marks stay in the font of the letter before
//    them when it has them, so "محمد عبد الله" is one run of the Arabic font;
// 3. wrapped to the width on logical text, at spaces and between CJK characters (a word
//    longer than the line is cut between graphemes);
// 4. each line reordered for display with the Unicode bidi algorithm (bidi-js): runs are cut
//    where the font or the direction changes and drawn left to right in visual order. A
//    right-to-left run of Arabic or Hebrew is handed to pdf-lib in logical order: pdf-lib lays
//    custom fonts out with fontkit, which shapes Arabic (joining forms, lam-alef) and itself
//    reverses runs of right-to-left scripts. Right-to-left runs without such letters (only
//    neutrals) are reversed here, with mirrored brackets.

const bidi = bidiFactory();

const LINE_BREAKS = /[\t\n\r\v\f\u0085\u2028\u2029]+/g;
// C0/C1 controls, ALM, LRM/RLM, LRE..RLO, LRI..PDI, BOM.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const LETTER = /\p{L}/u;
const SPACE = /^\s$/u;
/** Characters a line may break before and after, as between words: CJK ideographs, kana, Hangul and CJK punctuation. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;
/** Scripts fontkit lays out right to left (and so reverses itself). */
const RTL_SCRIPT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

export function cleanText(text: string): string {
  return text.normalize("NFC").replace(LINE_BREAKS, " ").replace(INVISIBLE, "");
}

export interface TextStyle {
  size: number;
  weight?: FontWeight;
  color?: Color;
}

/** A paragraph prepared for drawing: its text, bidi levels, font per code unit and its lines as [start, end) ranges. */
export interface SetText {
  text: string;
  levels: EmbeddingLevels;
  fonts: ShippedFont[];
  fontOf: Uint8Array;
  lines: [number, number][];
  style: TextStyle;
  lineHeight: number;
}

/** Font index (into `fonts`) of each UTF-16 code unit of `text`. */
function assignFonts(text: string, fonts: ShippedFont[]): Uint8Array {
  const out = new Uint8Array(text.length);
  let previous = -1;
  for (let i = 0; i < text.length; ) {
    const codePoint = text.codePointAt(i)!;
    const units = codePoint > 0xffff ? 2 : 1;
    const has = (k: number) => fonts[k]!.coverage.hasGlyphForCodePoint(codePoint);
    let chosen: number;
    if (previous >= 0 && !LETTER.test(String.fromCodePoint(codePoint)) && has(previous)) chosen = previous;
    else {
      chosen = fonts.findIndex((_, k) => has(k));
      // No shipped font has it (an emoji, a rare script): the first font's empty box, not a crash.
      if (chosen < 0) chosen = previous >= 0 ? previous : 0;
    }
    out.fill(chosen, i, i + units);
    previous = chosen;
    i += units;
  }
  return out;
}

/** Advance width of `text` in one font, as pdf-lib draws it (glyph advances after fontkit's shaping, no kerning). */
function runWidth(font: ShippedFont, text: string, size: number): number {
  return (advanceUnits(font, text) * size) / font.coverage.unitsPerEm;
}

function advanceUnits(font: ShippedFont, text: string): number {
  // fontkit's layout is cached per font (lib/exports/fonts.ts).
  let units = 0;
  for (const glyph of font.coverage.layout(text).glyphs) units += glyph.advanceWidth;
  return units;
}

/** Width of text[start, end) in logical order, font run by font run. */
function widthOf(set: Pick<SetText, "text" | "fonts" | "fontOf">, start: number, end: number, size: number): number {
  let width = 0;
  for (let i = start; i < end; ) {
    let j = i + 1;
    while (j < end && set.fontOf[j] === set.fontOf[i]) j++;
    width += runWidth(set.fonts[set.fontOf[i]!]!, set.text.slice(i, j), size);
    i = j;
  }
  return width;
}

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/** Pieces a line may break between: words, single spaces, single CJK characters ([start, end) ranges). */
function tokens(text: string): { start: number; end: number; space: boolean }[] {
  const out: { start: number; end: number; space: boolean }[] = [];
  let word = -1;
  for (const { segment, index } of graphemes.segment(text)) {
    const space = SPACE.test(segment);
    const cjk = CJK.test(segment);
    if (space || cjk) {
      if (word >= 0) out.push({ start: word, end: index, space: false });
      word = -1;
      out.push({ start: index, end: index + segment.length, space });
    } else if (word < 0) word = index;
  }
  if (word >= 0) out.push({ start: word, end: text.length, space: false });
  return out;
}

/** Lays `raw` out in lines no wider than `maxWidth` (a piece wider than a line is cut between graphemes). */
export function setText(raw: string, maxWidth: number, style: TextStyle): SetText {
  const text = cleanText(raw);
  const fonts = fontsOf(style.weight ?? "regular");
  const fontOf = assignFonts(text, fonts);
  const base = { text, fonts, fontOf };
  const lines: [number, number][] = [];
  const size = style.size;
  // A line's width is the sum of its words' and spaces' (pdf-lib draws glyph advances without
  // kerning, and shaping never joins across a space or a CJK character).
  let start = -1;
  let end = -1;
  let width = 0;
  let pending = 0;
  const close = () => {
    if (start >= 0 && end > start) lines.push([start, end]);
    start = -1;
    end = -1;
    width = 0;
  };
  for (const token of tokens(text)) {
    const w = widthOf(base, token.start, token.end, size);
    // Spaces are kept inside a line, never at its start or end.
    if (token.space) {
      if (start >= 0) pending += w;
      continue;
    }
    if (start >= 0 && width + pending + w <= maxWidth) {
      end = token.end;
      width += pending + w;
      pending = 0;
      continue;
    }
    close();
    pending = 0;
    if (w <= maxWidth) {
      start = token.start;
      end = token.end;
      width = w;
      continue;
    }
    // A word longer than the line: as many graphemes as fit, then the next line.
    for (const { segment, index } of graphemes.segment(text.slice(token.start, token.end))) {
      const at = token.start + index;
      const next = at + segment.length;
      const g = widthOf(base, at, next, size);
      if (start >= 0 && width + g > maxWidth) close();
      if (start < 0) {
        start = at;
        width = 0;
      }
      end = next;
      width += g;
    }
  }
  close();
  return { ...base, levels: bidi.getEmbeddingLevels(text), lines, style, lineHeight: style.size * 1.3 };
}

export function textHeight(set: SetText): number {
  return set.lines.length * set.lineHeight;
}

/** Width of the widest line. */
export function textWidth(set: SetText): number {
  return Math.max(0, ...set.lines.map(([start, end]) => widthOf(set, start, end, set.style.size)));
}

interface Run {
  text: string;
  font: ShippedFont;
}

/** One line's runs in visual order (left to right), each in the form pdf-lib should be given. */
export function visualRuns(set: SetText, [start, end]: [number, number]): Run[] {
  const order = Array.from({ length: end - start }, (_, i) => start + i);
  for (const [from, to] of bidi.getReorderSegments(set.text, set.levels, start, end - 1)) {
    const reversed = order.slice(from - start, to - start + 1).reverse();
    order.splice(from - start, reversed.length, ...reversed);
  }
  const mirrored = bidi.getMirroredCharactersMap(set.text, set.levels, start, end - 1);
  const runs: Run[] = [];
  for (let i = 0; i < order.length; ) {
    const first = order[i]!;
    const odd = (set.levels.levels[first]! & 1) === 1;
    let j = i + 1;
    // A run: the same font and direction, and logically contiguous (ascending, or descending when right to left).
    while (
      j < order.length &&
      set.fontOf[order[j]!] === set.fontOf[first] &&
      (set.levels.levels[order[j]!]! & 1) === (odd ? 1 : 0) &&
      order[j]! === order[j - 1]! + (odd ? -1 : 1)
    ) {
      j++;
    }
    const low = odd ? order[j - 1]! : first;
    const high = odd ? first : order[j - 1]!;
    let logical = "";
    for (let k = low; k <= high; k++) logical += mirrored.get(k) ?? set.text[k];
    // fontkit reverses a run of a right-to-left script itself; anything else is reversed here.
    const text = !odd || RTL_SCRIPT.test(logical) ? logical : Array.from(logical).reverse().join("");
    runs.push({ text, font: set.fonts[set.fontOf[first]!]! });
    i = j;
  }
  return runs;
}

/** Embeds shipped fonts into one document on first use (subsets: only the glyphs drawn). */
export class PdfFonts {
  private readonly embedded = new Map<string, Promise<PDFFont>>();

  constructor(private readonly doc: PDFDocument) {}

  font(font: ShippedFont): Promise<PDFFont> {
    let embedded = this.embedded.get(font.file);
    if (!embedded) {
      embedded = this.doc.embedFont(font.bytes, { subset: true });
      this.embedded.set(font.file, embedded);
    }
    return embedded;
  }
}

/**
 * Draws a set paragraph with its first line's baseline at `y` (each next line lower), each line
 * starting at `x`, or ending at `x + width` when `align` is "right".
 */
export async function drawText(page: PDFPage, fonts: PdfFonts, set: SetText, x: number, y: number, options: { align?: "left" | "right"; width?: number } = {}): Promise<void> {
  for (const [index, line] of set.lines.entries()) {
    const baseline = y - index * set.lineHeight;
    let cursor = options.align === "right" && options.width !== undefined ? x + options.width - widthOf(set, line[0], line[1], set.style.size) : x;
    for (const run of visualRuns(set, line)) {
      const font = await fonts.font(run.font);
      page.drawText(run.text, { x: cursor, y: baseline, size: set.style.size, font, ...(set.style.color ? { color: set.style.color } : {}) });
      cursor += runWidth(run.font, run.text, set.style.size);
    }
  }
}
