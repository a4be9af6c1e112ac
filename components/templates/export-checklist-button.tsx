"use client";
import { useState } from "react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { followLink } from "@/components/ui/download";
import { type ActionResult, callAction, messageOf } from "@/lib/types/action-result";
import type { ChecklistExportResult } from "@/lib/types/checklist-export";

// "Export checklist" (issue #14 part 5): the server renders and stores the PDF (one per day:
// a second export that day replaces the first, and the toast says so), then the download
// starts and a link to it stays offered. A failure stays on the page with a retry until it
// succeeds; nothing the person typed elsewhere is touched.

export interface ExportChecklistButtonProps {
  /** A server action bound to the profile, e.g. `exportChecklistAction.bind(null, { profileId })`. */
  onExport: () => Promise<ActionResult<ChecklistExportResult>>;
  /** Start the download as soon as the export is stored (the link is offered either way). */
  autoDownload?: boolean;
}

type State = { kind: "idle" } | { kind: "pending" } | { kind: "done"; result: ChecklistExportResult } | { kind: "failed"; message: string };

export function ExportChecklistButton({ onExport, autoDownload = true }: ExportChecklistButtonProps) {
  const [state, setState] = useState<State>({ kind: "idle" });
  const pending = state.kind === "pending";

  async function run() {
    setState({ kind: "pending" });
    try {
      const result = await callAction(onExport);
      setState({ kind: "done", result });
      toast.success(result.replaced ? "Replaced today's export." : "Exported.", { description: `${result.fileName} is also listed in your files.` });
      if (autoDownload) followLink(result.url, { download: result.fileName });
    } catch (error) {
      setState({ kind: "failed", message: messageOf(error) });
    }
  }

  return (
    <div className="flex flex-col items-start gap-2">
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" onClick={() => void run()} disabled={pending} aria-busy={pending}>
          {pending ? "Exporting…" : "Export checklist"}
        </Button>
        {pending ? <progress aria-label="Exporting the checklist" className="h-2 w-32 accent-indigo-600" /> : null}
        {state.kind === "done" ? (
          <a href={state.result.url} download={state.result.fileName} className="text-sm font-medium text-link underline underline-offset-2">
            Download {state.result.fileName}
          </a>
        ) : null}
      </div>
      <p className="sr-only" role="status" aria-live="polite">
        {pending ? "Exporting the checklist…" : state.kind === "done" ? (state.result.replaced ? "Replaced today's export." : "Exported.") : ""}
      </p>
      {state.kind === "done" ? <p className="text-xs text-soft">The download link works for a few minutes; export again for a new one.</p> : null}
      {state.kind === "failed" ? (
        <div className="flex flex-wrap items-center gap-3">
          <Alert tone="error">The checklist was not exported: {state.message}</Alert>
          <Button variant="secondary" onClick={() => void run()}>
            Try again
          </Button>
        </div>
      ) : null}
    </div>
  );
}
