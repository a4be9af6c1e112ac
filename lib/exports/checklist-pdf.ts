import "server-only";
import { PDFDocument, type PDFPage, rgb } from "pdf-lib";
import { ValidationError } from "@/lib/errors";
import type { ChecklistItemKind, ChecklistItemState, ChecklistView } from "@/lib/templates/checklist-view";
import { documentFontkit } from "./fonts";
import { drawText, PdfFonts, type SetText, setText, textHeight, textWidth, type TextStyle } from "./pdf-text";

// The checklist of one template-based profile as a PDF (issue #14): who, which profile and
// template, progress and due date, every item with its state and date, and when it was
// exported. A4, text wrapped to the page, items moved whole to the next page when they do not
// fit (an item longer than a page is split between its lines), "Page n of m" on every page.
// Text in any script: lib/exports/pdf-text.ts.

export interface ChecklistPdfOptions {
  exportedAt: Date;
  /** IANA zone the dates are shown in; UTC by default. */
  timeZone?: string;
}

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const FOOTER = 36;
const CONTENT = PAGE.width - 2 * MARGIN;
const STATE_COLUMN = 64;
const FACT_COLUMN = 80;

const INK = rgb(0.09, 0.1, 0.12);
const MUTED = rgb(0.33, 0.35, 0.4);
const DONE = rgb(0.02, 0.42, 0.2);
const OPEN = rgb(0.62, 0.28, 0);
const OVERDUE = rgb(0.7, 0.08, 0.08);
const RULE = rgb(0.85, 0.86, 0.88);
const BAR = rgb(0.31, 0.27, 0.9);

const KIND: Record<ChecklistItemKind, string> = { field: "Field", document: "Document", acknowledgement: "Statement" };

function checkedZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return timeZone;
  } catch {
    throw new ValidationError(`Unknown time zone: ${timeZone}.`);
  }
}

/** "2026-12-03 14:05 UTC" (or the zone's name), the app's way of writing a time (components/ui/format-date.ts). */
const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    formats.set(timeZone, format);
  }
  return format;
}

export function formatPdfTime(iso: string | Date, timeZone = "UTC", withTime = true): string {
  const date = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(date.getTime())) return "an unknown date";
  const parts = Object.fromEntries(
    formatIn(timeZone)
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  return withTime ? `${day} ${parts.hour}:${parts.minute} ${timeZone}` : day;
}

/** What the second line of an item says: its kind and, when done, when (and by whom, for statements). */
export function itemDetail(item: ChecklistItemState, view: Pick<ChecklistView, "overdue">, timeZone = "UTC"): string {
  const kind = KIND[item.kind];
  if (!item.done) return `${kind} · not done yet${view.overdue ? " · overdue" : ""}`;
  const when = item.doneAt ? formatPdfTime(item.doneAt, timeZone) : "an unknown date";
  switch (item.kind) {
    case "acknowledgement":
      return `${kind} · acknowledged ${item.doneBy ? `by ${item.doneBy} ` : ""}on ${when}`;
    case "document":
      return `${kind} · uploaded on ${when}`;
    case "field":
      return `${kind} · filled on ${when}`;
  }
}

export function progressLine(view: Pick<ChecklistView, "done" | "total">): string {
  const percent = view.total > 0 ? Math.round((view.done / view.total) * 100) : 100;
  return `${view.done} of ${view.total} ${view.total === 1 ? "item" : "items"} done (${percent}%)`;
}

export function dueLine(view: Pick<ChecklistView, "dueAt" | "overdue" | "done" | "total">, timeZone = "UTC"): string {
  if (!view.dueAt) return "No due date";
  const day = formatPdfTime(view.dueAt, timeZone, false);
  if (view.overdue) return `${day}: overdue`;
  return view.done >= view.total ? `${day} (complete)` : day;
}

class Layout {
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  y = 0;

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: PdfFonts,
    private readonly continuation: SetText,
  ) {}

  async newPage(): Promise<void> {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.pages.push(this.page);
    this.y = PAGE.height - MARGIN;
    if (this.pages.length > 1) {
      await this.text(this.continuation, MARGIN);
      this.rule(8);
    }
  }

  /** Room left above the footer. */
  get room(): number {
    return this.y - MARGIN - FOOTER;
  }

  async ensure(height: number): Promise<void> {
    if (height > this.room && this.y < PAGE.height - MARGIN - 1) await this.newPage();
  }

  /** Draws a paragraph at the cursor and moves below it. */
  async text(set: SetText, x: number, gapAfter = 4): Promise<void> {
    await drawText(this.page, this.fonts, set, x, this.y - set.style.size);
    this.y -= textHeight(set) + gapAfter;
  }

  rule(gap: number): void {
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: PAGE.width - MARGIN, y: this.y }, thickness: 0.5, color: RULE });
    this.y -= gap;
  }
}

const style = (size: number, color = INK, weight: TextStyle["weight"] = "regular"): TextStyle => ({ size, color, weight });

/** The checklist as a PDF's bytes. */
export async function renderChecklistPdf(view: ChecklistView, options: ChecklistPdfOptions): Promise<Uint8Array> {
  const timeZone = checkedZone(options.timeZone ?? "UTC");
  const exported = formatPdfTime(options.exportedAt, timeZone);
  const doc = await PDFDocument.create();
  doc.registerFontkit(documentFontkit);
  const title = `Pre-work checklist: ${view.templateTitle}`;
  doc.setTitle(`${title} (${view.userName})`, { showInWindowTitleBar: true });
  doc.setSubject(`${view.profileName}, exported ${exported}`);
  doc.setCreator("Pre-Work");
  doc.setProducer("Pre-Work");
  doc.setLanguage("en");
  doc.setCreationDate(options.exportedAt);
  doc.setModificationDate(options.exportedAt);

  const fonts = new PdfFonts(doc);
  const continuation = setText(`${view.userName} · ${view.profileName} · ${view.templateTitle} (continued)`, CONTENT, style(9, MUTED));
  const layout = new Layout(doc, fonts, continuation);
  await layout.newPage();

  await layout.text(setText("Pre-work checklist", CONTENT, style(20, INK, "bold")), MARGIN, 6);
  await layout.text(setText(view.templateTitle || "Untitled template", CONTENT, style(14, INK, "bold")), MARGIN, 12);

  const facts: [string, string, typeof INK][] = [
    ["Name", view.userName, INK],
    ["Profile", view.profileName, INK],
    ["Progress", progressLine(view), INK],
    ["Due", dueLine(view, timeZone), view.overdue ? OVERDUE : INK],
    ["Exported", exported, INK],
  ];
  for (const [label, value, color] of facts) {
    const valueSet = setText(value, CONTENT - FACT_COLUMN, style(11, color));
    await layout.ensure(textHeight(valueSet) + 4);
    const top = layout.y;
    await drawText(layout.page, fonts, setText(label, FACT_COLUMN - 8, style(10, MUTED)), MARGIN, top - 11);
    await layout.text(valueSet, MARGIN + FACT_COLUMN);
  }

  // The progress bar, under the facts.
  const ratio = view.total > 0 ? Math.min(Math.max(view.done / view.total, 0), 1) : 1;
  layout.y -= 6;
  layout.page.drawRectangle({ x: MARGIN, y: layout.y - 8, width: CONTENT, height: 8, color: RULE });
  if (ratio > 0) layout.page.drawRectangle({ x: MARGIN, y: layout.y - 8, width: CONTENT * ratio, height: 8, color: BAR });
  layout.y -= 24;

  const heading = setText(view.items.length ? "Items" : "This template has no checklist items.", CONTENT, style(13, INK, "bold"));
  await layout.ensure(textHeight(heading) + 40);
  await layout.text(heading, MARGIN, 6);
  layout.rule(10);

  for (const item of view.items) {
    const state = setText(item.done ? "Done" : "Open", STATE_COLUMN - 8, style(11, item.done ? DONE : view.overdue ? OVERDUE : OPEN, "bold"));
    const label = setText(item.label || "(no label)", CONTENT - STATE_COLUMN, style(11));
    const detail = setText(itemDetail(item, view, timeZone), CONTENT - STATE_COLUMN, style(9, MUTED));
    const height = textHeight(label) + 2 + textHeight(detail) + 10;
    if (height <= PAGE.height - 2 * MARGIN - FOOTER - 40) {
      await layout.ensure(height);
      await drawText(layout.page, fonts, state, MARGIN, layout.y - 11);
      await layout.text(label, MARGIN + STATE_COLUMN, 2);
      await layout.text(detail, MARGIN + STATE_COLUMN, 4);
    } else {
      // Longer than a page: its lines go on as far as they fit, and on across pages.
      await layout.ensure(label.lineHeight * 2);
      await drawText(layout.page, fonts, state, MARGIN, layout.y - 11);
      for (const line of label.lines) {
        const one: SetText = { ...label, lines: [line] };
        await layout.ensure(label.lineHeight);
        await layout.text(one, MARGIN + STATE_COLUMN, 0);
      }
      layout.y -= 2;
      await layout.ensure(textHeight(detail));
      await layout.text(detail, MARGIN + STATE_COLUMN, 4);
    }
    layout.rule(10);
  }

  const count = layout.pages.length;
  for (const [index, page] of layout.pages.entries()) {
    const left = setText(`Exported ${exported}`, CONTENT / 2, style(8, MUTED));
    const right = setText(`Page ${index + 1} of ${count}`, CONTENT / 2, style(8, MUTED));
    await drawText(page, fonts, left, MARGIN, MARGIN - 8);
    await drawText(page, fonts, right, MARGIN + CONTENT - textWidth(right), MARGIN - 8);
  }
  return doc.save();
}
