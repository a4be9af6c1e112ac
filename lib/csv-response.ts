import { csvRow } from "./csv";

// A CSV download streamed page by page as it is read (the users list, a template's progress):
// the header first, each page's rows as they come, the reading stopped if the browser goes away.

export interface CsvResponseInput<T> {
  header: string[];
  pages: AsyncGenerator<T[]>;
  row: (item: T) => unknown[];
  /** "users-2026-12-03.csv" */
  fileName: string;
  /** Named in the server's log if reading fails midway. */
  what: string;
  headers?: Record<string, string>;
}

export function csvResponse<T>({ header, pages, row, fileName, what, headers = {} }: CsvResponseInput<T>): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(header)));
    },
    async pull(controller) {
      try {
        const next = await pages.next();
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(next.value.map((item) => csvRow(row(item))).join("")));
      } catch (error) {
        console.error(`${what} export failed`, error);
        controller.error(error);
      }
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
      ...headers,
    },
  });
}
