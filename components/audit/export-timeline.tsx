"use client";
import { useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { downloadBlob, filenameFromDisposition } from "@/components/ui/download";
import { createRecordCounter, type ExportFormat } from "./record-counter";

// Exports the timeline as it is filtered in the URL, through the streamed export route. The
// response is read as it arrives, so the count of exported entries grows while the server is
// still reading; the file is saved when the stream ends. Cancel aborts the request.

const FILTER_KEYS = ["actor", "target", "action", "from", "to"];
/** The export route stops here (app/api/audit/export/route.ts). */
const MAX_ENTRIES = 100_000;
const PROGRESS_EVERY_MS = 250;

type ExportState =
  | { status: "idle" }
  | { status: "running"; format: ExportFormat; count: number }
  | { status: "done"; count: number; filename: string }
  | { status: "cancelled"; count: number }
  | { status: "failed"; message: string };

const plural = (n: number) => `${n.toLocaleString("en")} ${n === 1 ? "entry" : "entries"}`;

/** `user`: export that user's timeline (by them and to them) instead of everything. */
export function ExportTimeline({ user }: { user?: string }) {
  const searchParams = useSearchParams();
  const [state, setState] = useState<ExportState>({ status: "idle" });
  const controllerRef = useRef<AbortController | null>(null);

  // Leaving the page stops a running export.
  useEffect(() => () => controllerRef.current?.abort(), []);

  async function run(format: ExportFormat) {
    if (controllerRef.current) return;
    const params = new URLSearchParams({ format });
    for (const key of FILTER_KEYS) for (const value of searchParams.getAll(key)) params.append(key, value);
    if (user) params.set("user", user);
    const controller = new AbortController();
    controllerRef.current = controller;
    setState({ status: "running", format, count: 0 });
    let count = 0;
    try {
      const response = await fetch(`/api/audit/export?${params}`, { signal: controller.signal });
      if (!response.ok || !response.body) {
        const reason = response.status === 400 || response.status === 401 || response.status === 403 ? await response.text() : "";
        throw new Error(reason || "The export could not be started. Please try again.");
      }
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      const counter = createRecordCounter(format);
      const chunks: BlobPart[] = [];
      let shownAt = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        count = counter.push(decoder.decode(value, { stream: true }));
        if (Date.now() - shownAt > PROGRESS_EVERY_MS) {
          shownAt = Date.now();
          setState({ status: "running", format, count });
        }
      }
      const filename = filenameFromDisposition(response.headers.get("Content-Disposition"), `audit.${format}`);
      downloadBlob(new Blob(chunks, { type: format === "csv" ? "text/csv" : "application/x-ndjson" }), filename);
      setState({ status: "done", count, filename });
    } catch (error) {
      if (controller.signal.aborted) setState({ status: "cancelled", count });
      else setState({ status: "failed", message: error instanceof Error && error.message.length < 200 ? error.message : "The export stopped before it finished." });
    } finally {
      if (controllerRef.current === controller) controllerRef.current = null;
    }
  }

  // The buttons stay focusable while an export runs (aria-disabled, not disabled), so keyboard
  // focus is not lost; a second click is ignored.
  const running = state.status === "running";
  return (
    <section aria-labelledby="export-heading" className="flex flex-wrap items-center gap-3 text-sm">
      <h2 id="export-heading" className="sr-only">
        Export
      </h2>
      <Button variant="secondary" onClick={() => void run("csv")} aria-disabled={running} className="aria-disabled:cursor-wait">
        Export CSV
      </Button>
      <Button variant="secondary" onClick={() => void run("jsonl")} aria-disabled={running} className="aria-disabled:cursor-wait">
        Export JSON Lines
      </Button>
      {running ? (
        <>
          <progress aria-label="Export progress" className="h-2 w-32 accent-indigo-600" />
          <Button variant="ghost" onClick={() => controllerRef.current?.abort()}>
            Cancel export
          </Button>
        </>
      ) : null}
      <p role="status" className="text-soft">
        {state.status === "running" ? `${plural(state.count)} exported…` : null}
        {state.status === "done"
          ? `Exported ${plural(state.count)} to ${state.filename}.${state.count >= MAX_ENTRIES ? ` That is the limit of one export: narrow the filter for the rest.` : ""}`
          : null}
        {state.status === "cancelled" ? `Export cancelled after ${plural(state.count)}.` : null}
      </p>
      {state.status === "failed" ? (
        <Alert tone="error" inline>
          {state.message}
        </Alert>
      ) : null}
    </section>
  );
}
