import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";

// The fonts the PDF exports draw with, shipped in lib/exports/fonts/ (README.md there says where
// each comes from and what it covers). Read from disk once per process; the directory is in
// next.config.js's outputFileTracingIncludes, so the server build carries it.

export const FONT_DIR = path.join(process.cwd(), "lib", "exports", "fonts");

/** In the order a character's font is chosen: the first that has its glyph. */
export const FONT_FILES = {
  regular: ["NotoSans-Regular.ttf", "NotoSansArabic-Regular.ttf", "NotoSansHebrew-Regular.ttf", "DroidSansFallback.ttf"],
  // Only Latin, Greek and Cyrillic have a bold face here; other scripts are drawn regular in headings.
  bold: ["NotoSans-Bold.ttf", "NotoSansArabic-Regular.ttf", "NotoSansHebrew-Regular.ttf", "DroidSansFallback.ttf"],
} as const;

export type FontWeight = keyof typeof FONT_FILES;

export interface ShippedFont {
  file: string;
  bytes: Uint8Array;
  /** The parsed font, for asking which characters it has (fontkit's own parse; pdf-lib parses its own copy to embed). */
  coverage: fontkit.Font;
}

const loaded = new Map<string, ShippedFont>();

export function shippedFont(file: string): ShippedFont {
  let font = loaded.get(file);
  if (!font) {
    const bytes = new Uint8Array(readFileSync(path.join(FONT_DIR, file)));
    font = { file, bytes, coverage: withLayoutCache(fontkit.create(bytes)) };
    loaded.set(file, font);
  }
  return font;
}

/**
 * fontkit's layout (shaping) is most of a render's time, and the same words, dates and labels
 * are laid out to measure them and again when pdf-lib draws them: runs without extra features
 * are kept (bounded), as nothing that reads a GlyphRun changes it.
 */
function withLayoutCache(font: fontkit.Font): fontkit.Font {
  const layout = font.layout.bind(font);
  const runs = new Map<string, fontkit.GlyphRun>();
  font.layout = (text, features) => {
    if (features !== undefined) return layout(text, features);
    let run = runs.get(text);
    if (!run) {
      run = layout(text);
      if (runs.size >= 20_000) runs.clear();
      runs.set(text, run);
    }
    return run;
  };
  return font;
}

/**
 * What pdf-lib is given as fontkit: each document parses its own copy of a font (fontkit keeps
 * a glyph's first code points on the parsed font, and pdf-lib writes the PDF's ToUnicode map
 * from them, so a copy shared between documents would let one export's text change how
 * another's is read back), with the layout cache above for that document.
 */
export const documentFontkit = {
  create(bytes: Uint8Array, postscriptName?: string): fontkit.Font {
    return withLayoutCache(fontkit.create(bytes, postscriptName));
  },
};

export function fontsOf(weight: FontWeight): ShippedFont[] {
  return FONT_FILES[weight].map(shippedFont);
}
