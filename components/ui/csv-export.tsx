"use client";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "./button";
import { downloadBlob, filenameFromDisposition } from "./download";

// CSV export of a whole list (all pages, not only the one shown), shared by the users list and
// a template's progress view. The route streams the file; reading the stream here lets the person
// see progress against X-Total-Count (when the route knows it; the bar is indeterminate
// otherwise) and cancel.

interface Progress {
  rows: number;
  total: number | null;
}

const NEWLINE = 10;

export interface CsvExportProps {
  /** The route that streams the CSV, with the current filter in its query. */
  href: string;
  /** What a row is, singular and plural: "user", "users". */
  noun: [string, string];
  /** The file's name when the response does not give one. */
  fallbackName: string;
  /** Said for a 403. */
  forbiddenMessage: string;
  buttonLabel?: string;
}

export function CsvExport({ href, noun, fallbackName, forbiddenMessage, buttonLabel = "Export CSV" }: CsvExportProps) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const controller = useRef<AbortController | null>(null);

  async function run() {
    const abort = new AbortController();
    controller.current = abort;
    setProgress({ rows: 0, total: null });
    try {
      const response = await fetch(href, { signal: abort.signal, cache: "no-store" });
      if (!response.ok || !response.body) {
        throw new Error(response.status === 401 ? "Your session has ended. Please sign in again." : response.status === 403 ? forbiddenMessage : "The export failed. Please try again.");
      }
      const header = response.headers.get("X-Total-Count");
      const total = header !== null && /^\d+$/.test(header) ? Number(header) : null;
      const reader = response.body.getReader();
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      // Lines end in CRLF and the cells hold no line breaks, so rows = line feeds - header.
      let lines = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        for (const byte of value) if (byte === NEWLINE) lines++;
        setProgress({ rows: Math.max(lines - 1, 0), total });
      }
      const filename = filenameFromDisposition(response.headers.get("Content-Disposition"), fallbackName);
      downloadBlob(new Blob(chunks, { type: "text/csv;charset=utf-8" }), filename);
      const rows = Math.max(lines - 1, 0);
      toast.success(`Exported ${rows.toLocaleString("en")} ${rows === 1 ? noun[0] : noun[1]}.`);
    } catch (error) {
      if (abort.signal.aborted) toast.info("Export cancelled.");
      else toast.error(error instanceof Error && !(error instanceof TypeError) ? error.message : "The export failed. Please try again.");
    } finally {
      controller.current = null;
      setProgress(null);
    }
  }

  if (!progress) {
    return (
      <Button variant="secondary" onClick={() => void run()}>
        {buttonLabel}
      </Button>
    );
  }

  const known = progress.total !== null;
  const label = known
    ? `Exported ${progress.rows.toLocaleString("en")} of ${progress.total!.toLocaleString("en")} ${noun[1]}`
    : `Exported ${progress.rows.toLocaleString("en")} ${noun[1]}`;
  return (
    <div className="flex items-center gap-3" aria-live="polite">
      <div className="flex flex-col gap-1">
        <progress
          aria-label="Export progress"
          className="h-2 w-40 accent-indigo-600"
          max={known ? Math.max(progress.total!, 1) : undefined}
          value={known ? Math.min(progress.rows, progress.total!) : undefined}
        />
        <span className="text-xs text-soft">{label}</span>
      </div>
      <Button variant="secondary" onClick={() => controller.current?.abort()}>
        Cancel export
      </Button>
    </div>
  );
}
