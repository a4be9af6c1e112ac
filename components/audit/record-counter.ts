// Counts the records of an export as its text streams in, for the progress display. JSON Lines
// has one record a line; a CSV cell may hold a line break inside quotes, so only line ends
// outside quotes count there (an escaped quote "" flips the state twice: no change).

export type ExportFormat = "csv" | "jsonl";

const QUOTE = 34;
const NEWLINE = 10;

export function createRecordCounter(format: ExportFormat) {
  let inQuotes = false;
  let lines = 0;
  return {
    /** Feeds the next piece of text; returns the records completed so far (the CSV header excluded). */
    push(text: string): number {
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (format === "csv" && code === QUOTE) inQuotes = !inQuotes;
        else if (code === NEWLINE && !inQuotes) lines++;
      }
      return format === "csv" ? Math.max(lines - 1, 0) : lines;
    },
  };
}
