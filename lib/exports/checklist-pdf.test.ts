import { PDFDocument } from "pdf-lib";
import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import type { ChecklistItemState, ChecklistView } from "@/lib/templates/checklist-view";
import { dueLine, formatPdfTime, itemDetail, progressLine, renderChecklistPdf } from "./checklist-pdf";
import { cleanText, setText, visualRuns } from "./pdf-text";

// The PDF is read back with pdf-parse (pdf.js underneath), the way a person's PDF reader or a
// search index would: the text of each page from the glyphs drawn, through the ToUnicode maps
// pdf-lib writes for its font subsets. For right-to-left text pdf.js puts each run back into
// logical order (the order it is typed in), so "محمد عبد الله" and "דוד כהן" come back as
// typed; Arabic glyphs in their joining forms map back to the base letters. Runs are read in
// their visual order, though: two right-to-left words in different fonts inside a left-to-right
// line ("محمد דוד") are displayed, and so read back, right to left ("דוד محمد"), which is why
// the names are checked word by word.

async function textOf(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  const parser = new PDFParse({ data: bytes.slice() });
  try {
    const result = await parser.getText();
    return { text: result.text, pages: result.total };
  } finally {
    await parser.destroy();
  }
}

/** pdf.js joins a line's runs with or without a space depending on the gap: compare without spaces. */
const squash = (text: string) => text.replace(/\s+/g, "");

const NAMES = ["Zoë Ångström-Núñez", "山田 太郎", "김민준", "محمد عبد الله", "דוד כהן", "Ελένη Παπαδοπούλου", "Дмитрий Шостакович"];

function view(overrides: Partial<ChecklistView> = {}): ChecklistView {
  const items: ChecklistItemState[] = [
    { id: "f1", kind: "field", label: "Emergency contact", done: true, doneAt: "2026-12-01T09:15:00.000Z" },
    { id: "d1", kind: "document", label: "Signed contract (PDF)", done: true, doneAt: "2026-12-02T16:40:00.000Z" },
    { id: "a1", kind: "acknowledgement", label: "I have read the safety rules", done: true, doneAt: "2026-12-02T17:05:00.000Z", doneBy: "محمد عبد الله" },
    { id: "f2", kind: "field", label: "Bank account for salary", done: false },
  ];
  return {
    userId: "2f0c3f43-8f3a-4b53-9d55-5e1c1c3f6a10",
    userName: "Zoë Ångström-Núñez",
    profileId: "7e4b5a9e-3c8f-4f0e-9a59-1c1a0f2d9b31",
    profileName: "Work in Zürich",
    templateId: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
    templateTitle: "Onboarding for the Tokyo office",
    items,
    done: 3,
    total: 4,
    dueAt: "2026-12-10T00:00:00.000Z",
    overdue: false,
    ...overrides,
  };
}

const exportedAt = new Date("2026-12-03T19:05:00.000Z");

// Rendering takes a second or so on a loaded 2-core machine (fontkit shapes every run).
describe("renderChecklistPdf", { timeout: 60_000 }, () => {
  it("lists who, the profile, the template, progress, due date, export date and every item with its state and date", async () => {
    const bytes = await renderChecklistPdf(view(), { exportedAt });
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const { text, pages } = await textOf(bytes);
    expect(pages).toBe(1);
    const flat = squash(text);
    for (const expected of [
      "Pre-work checklist",
      "Onboarding for the Tokyo office",
      "Zoë Ångström-Núñez",
      "Work in Zürich",
      "3 of 4 items done (75%)",
      "2026-12-10",
      "Exported 2026-12-03 19:05 UTC",
      "Page 1 of 1",
    ]) {
      expect(flat).toContain(squash(expected));
    }
    // Each item: its state, its label, and its date (and who acknowledged the statement).
    expect(flat).toContain(squash("Done Emergency contact Field · filled on 2026-12-01 09:15 UTC"));
    expect(flat).toContain(squash("Done Signed contract (PDF) Document · uploaded on 2026-12-02 16:40 UTC"));
    expect(flat).toContain(squash("I have read the safety rules"));
    expect(flat).toContain(squash("Statement · acknowledged by"));
    expect(flat).toContain(squash("محمد عبد الله"));
    expect(flat).toContain(squash("on 2026-12-02 17:05 UTC"));
    expect(flat).toContain(squash("Open Bank account for salary Field · not done yet"));
  });

  it("draws names in Latin with accents, CJK, Hangul, Arabic, Hebrew, Greek and Cyrillic, and they come back as text", async () => {
    for (const name of NAMES) {
      const bytes = await renderChecklistPdf(view({ userName: name, profileName: `${name} (main)` }), { exportedAt });
      const { text } = await textOf(bytes);
      // Nothing missing: a character without a glyph would come back as U+0000 or U+FFFD.
      expect(text, name).not.toMatch(/[\u0000\ufffd]/);
      // Logical order, as typed; CJK given names may be split from family names by the layout's spacing.
      for (const word of name.split(" ")) expect(squash(text), name).toContain(word);
    }
  });

  it("shows overdue checklists and open items as overdue", async () => {
    const bytes = await renderChecklistPdf(view({ dueAt: "2026-11-20T00:00:00.000Z", overdue: true }), { exportedAt });
    const flat = squash((await textOf(bytes)).text);
    expect(flat).toContain(squash("2026-11-20: overdue"));
    expect(flat).toContain(squash("Open Bank account for salary Field · not done yet · overdue"));
  });

  it("wraps long labels and breaks long checklists over pages, with every item and page number", async () => {
    const long = "Read the whole staff handbook, including the chapters on travel expenses, remote work, equipment, security badges and the code of conduct, then confirm".repeat(2);
    const items: ChecklistItemState[] = Array.from({ length: 60 }, (_, i) => ({
      id: `i${i}`,
      kind: i % 3 === 0 ? "field" : i % 3 === 1 ? "document" : "acknowledgement",
      label: i % 10 === 0 ? `${long} (${i})` : `Item number ${i} 山田の書類 ${"x".repeat(i % 7)}`,
      done: i % 2 === 0,
      ...(i % 2 === 0 ? { doneAt: new Date(Date.UTC(2026, 10, 1 + (i % 28), 8, i)).toISOString(), doneBy: "Ελένη" } : {}),
    }));
    const bytes = await renderChecklistPdf(view({ items, done: 30, total: 60 }), { exportedAt });
    const { text, pages } = await textOf(bytes);
    expect(pages).toBeGreaterThan(2);
    const flat = squash(text);
    expect(flat).toContain(squash(`Page ${pages} of ${pages}`));
    expect(flat).toContain(squash("(continued)"));
    for (const item of items) {
      expect(flat, item.id).toContain(squash(item.label));
      if (item.doneAt) expect(flat, item.id).toContain(squash(formatPdfTime(item.doneAt)));
    }
    // The long label took several lines, none wider than the page: every glyph inside the page box.
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(pages);
  });

  it("a label longer than a whole page goes on over the next page", async () => {
    const huge = Array.from({ length: 900 }, (_, i) => `word${i}`).join(" ");
    const bytes = await renderChecklistPdf(view({ items: [{ id: "h", kind: "field", label: huge, done: false }], done: 0, total: 1 }), { exportedAt });
    const { text, pages } = await textOf(bytes);
    expect(pages).toBeGreaterThan(1);
    // Every word, in order (the page footers and the next page's header come between).
    const flat = squash(text);
    let at = 0;
    for (let i = 0; i < 900; i++) {
      const found = new RegExp(`word${i}(?!\\d)`).exec(flat.slice(at));
      expect(found, `word${i}`).not.toBeNull();
      at += found!.index;
    }
  });

  it("stays small: fonts are embedded as subsets", async () => {
    const bytes = await renderChecklistPdf(view({ userName: "山田 太郎", profileName: "김민준", templateTitle: "محمد دוד Ελένη" }), { exportedAt });
    // The shipped fonts weigh 4.7 MB; a page using all of them a few kilobytes each.
    expect(bytes.length).toBeLessThan(150_000);
  });

  it("hostile text cannot reorder the page: bidi controls and control characters are dropped", async () => {
    const bytes = await renderChecklistPdf(view({ userName: "Eve\u202Egnp.exe\u0007\u0000", profileName: "a\nb\tc" }), { exportedAt });
    const { text } = await textOf(bytes);
    expect(squash(text)).toContain("Evegnp.exe");
    expect(squash(text)).toContain("abc");
  });

  it("shows dates in the zone asked for, and refuses an unknown zone", async () => {
    const bytes = await renderChecklistPdf(view(), { exportedAt, timeZone: "Asia/Tokyo" });
    expect(squash((await textOf(bytes)).text)).toContain(squash("Exported 2026-12-04 04:05 Asia/Tokyo"));
    await expect(renderChecklistPdf(view(), { exportedAt, timeZone: "Mars/Olympus" })).rejects.toThrow("Unknown time zone");
  });
});

describe("checklist wording", () => {
  it("says progress, due dates and item details", () => {
    expect(progressLine({ done: 0, total: 0 })).toBe("0 of 0 items done (100%)");
    expect(progressLine({ done: 1, total: 1 })).toBe("1 of 1 item done (100%)");
    expect(dueLine({ done: 1, total: 2, overdue: false })).toBe("No due date");
    expect(dueLine({ done: 2, total: 2, overdue: false, dueAt: "2026-12-10T12:00:00Z" })).toBe("2026-12-10 (complete)");
    expect(itemDetail({ id: "a", kind: "acknowledgement", label: "x", done: true, doneAt: "2026-12-02T17:05:00Z" }, { overdue: false })).toBe(
      "Statement · acknowledged on 2026-12-02 17:05 UTC",
    );
    expect(itemDetail({ id: "d", kind: "document", label: "x", done: true }, { overdue: false })).toBe("Document · uploaded on an unknown date");
  });
});

describe("bidi layout", () => {
  it("orders a mixed line visually and leaves Arabic and Hebrew runs to fontkit in logical order", () => {
    const set = setText("Name: דוד כהן (2)", 1000, { size: 11 });
    const runs = visualRuns(set, set.lines[0]!);
    const texts = runs.map((run) => run.text);
    // LTR paragraph: the Latin run first, then the Hebrew run, handed over as typed (fontkit reverses it).
    expect(texts.join("|")).toContain("דוד כהן");
    expect(runs.find((run) => run.text.includes("דוד"))!.font.file).toBe("NotoSansHebrew-Regular.ttf");
    expect(runs[0]!.font.file).toBe("NotoSans-Regular.ttf");
  });

  it("consecutive right-to-left words in different fonts are displayed right to left", () => {
    const set = setText("A محمد דוד B", 1000, { size: 11 });
    const texts = visualRuns(set, set.lines[0]!).map((run) => run.text.trim()).filter(Boolean);
    expect(texts).toEqual(["A", "דוד", "محمد", "B"]);
  });

  it("right-to-left paragraphs put the first word on the right", () => {
    const set = setText("שלום abc", 1000, { size: 11 });
    const runs = visualRuns(set, set.lines[0]!);
    // Visual order: "abc" leftmost, then the Hebrew word (drawn right of it).
    expect(runs[0]!.text).toBe("abc");
    expect(runs.at(-1)!.text.trim()).toBe("שלום");
  });

  it("Arabic is shaped: the run pdf-lib is given lays out in joining forms, not the isolated letters", () => {
    const set = setText("محمد عبد الله", 1000, { size: 11 });
    const [run] = visualRuns(set, set.lines[0]!);
    expect(run!.font.file).toBe("NotoSansArabic-Regular.ttf");
    // pdf-lib encodes custom-font text with the font's fontkit layout (CustomFontEmbedder.encodeText), the same call as here.
    const shaped = run!.font.coverage.layout(run!.text).glyphs.map((g) => g.id);
    const isolated = Array.from(run!.text).map((c) => run!.font.coverage.glyphForCodePoint(c.codePointAt(0)!).id);
    // Laid out right to left (fontkit reverses), most letters in their initial, medial or final forms.
    const visualIsolated = isolated.slice().reverse();
    expect(shaped).toHaveLength(visualIsolated.length);
    expect(shaped.filter((id, i) => id !== visualIsolated[i]).length).toBeGreaterThanOrEqual(6);
    expect(run!.font.coverage.layout(run!.text).direction).toBe("rtl");
  });

  it("cleans text", () => {
    expect(cleanText("a\u202Eb\r\nc\u0000")).toBe("ab c");
  });
});
