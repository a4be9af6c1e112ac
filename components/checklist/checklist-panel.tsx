"use client";
// A template-based profile's checklist (issue #14): each item done or open with its date, a
// progress bar, the due date (overdue said in words, not only in colour), an upload per document
// item and "I acknowledge" per statement. The actions revalidate the page, so the panel
// re-renders from the server's ChecklistView after each change.
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { toast } from "sonner";
import { Uploader } from "@/components/files/uploader";
import { Button } from "@/components/ui/button";
import { formatUtc } from "@/components/ui/format-date";
import { StatusBadge } from "@/components/ui/status-badge";
import { acknowledgeChecklistItemAction, exportChecklistAction } from "@/lib/actions/templates/checklist-actions";
import { ExportChecklistButton } from "@/components/templates/export-checklist-button";
import type { ChecklistItemState, ChecklistView } from "@/lib/templates/checklist-view";
import { callAction, messageOf } from "@/lib/types/action-result";

const progressBar =
  "h-2.5 w-full appearance-none overflow-hidden rounded-full bg-rule [&::-webkit-progress-bar]:bg-rule [&::-webkit-progress-value]:bg-indigo-600 [&::-moz-progress-bar]:bg-indigo-600";

export function percentOf(view: Pick<ChecklistView, "done" | "total">): number {
  return view.total === 0 ? 100 : Math.round((view.done / view.total) * 100);
}

export function ChecklistProgress({ view, label }: { view: ChecklistView; label: string }) {
  return (
    <div className="flex flex-col gap-1">
      <progress aria-label={label} max={Math.max(view.total, 1)} value={view.total === 0 ? 1 : view.done} className={progressBar} />
      <p className="text-sm text-soft">
        {view.done} of {view.total} done ({percentOf(view)}%)
        {view.dueAt ? (
          <>
            {" · "}
            {view.overdue ? (
              <span className="font-medium text-danger">Overdue since {formatUtc(view.dueAt)}</span>
            ) : view.done === view.total ? (
              <>was due {formatUtc(view.dueAt)}</>
            ) : (
              <>due {formatUtc(view.dueAt)}</>
            )}
          </>
        ) : null}
      </p>
    </div>
  );
}

export function ChecklistPanel({ view, canAcknowledge }: { view: ChecklistView; canAcknowledge: boolean }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4 rounded-xl border border-subtle bg-surface p-5">
      <div>
        <h2 id={headingId} className="text-lg font-semibold">
          Checklist: {view.templateTitle}
        </h2>
        <p className="text-sm text-muted">Fields are done when saved filled in below; documents when uploaded here; statements when acknowledged.</p>
      </div>
      <ChecklistProgress view={view} label="Checklist progress" />
      <ExportChecklistButton
        // The dates in the PDF are the reader's: the browser's time zone goes along.
        onExport={() => exportChecklistAction({ profileId: view.profileId, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone })}
      />
      <ul role="list" aria-label="Checklist items" className="flex flex-col divide-y divide-rule">
        {view.items.map((item) => (
          <li key={item.id} className="py-3">
            <ChecklistRow item={item} view={view} canAcknowledge={canAcknowledge} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function ChecklistRow({ item, view, canAcknowledge }: { item: ChecklistItemState; view: ChecklistView; canAcknowledge: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [uploading, setUploading] = useState(false);
  const acknowledge = () =>
    startTransition(async () => {
      try {
        await callAction(() => acknowledgeChecklistItemAction({ profileId: view.profileId, itemId: item.id }));
        toast.success(`Acknowledged: ${item.label}.`);
      } catch (failure) {
        toast.error(messageOf(failure));
      }
    });
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <StatusBadge tone={item.done ? "success" : view.overdue ? "warning" : "neutral"}>{item.done ? "Done" : view.overdue ? "Overdue" : "Open"}</StatusBadge>
        <span className="font-medium">{item.label}</span>
        {item.done && item.doneAt ? (
          <span className="text-sm text-muted">
            {item.doneBy ? `by ${item.doneBy} · ` : ""}
            <time dateTime={item.doneAt}>{formatUtc(item.doneAt)}</time>
          </span>
        ) : null}
      </div>
      {item.kind === "field" && !item.done ? <p className="text-sm text-muted">Fill in the field below and save the profile.</p> : null}
      {item.kind === "acknowledgement" ? (
        <div className="flex flex-col gap-2">
          <blockquote className="border-l-2 border-rule pl-3 text-sm">{item.statement}</blockquote>
          {!item.done && canAcknowledge ? (
            <div>
              <Button variant="secondary" disabled={pending} onClick={acknowledge} aria-label={`I acknowledge: ${item.label}`}>
                I acknowledge
              </Button>
            </div>
          ) : null}
        </div>
      ) : null}
      {item.kind === "document" ? (
        item.done && !uploading ? (
          <div>
            <Button variant="ghost" onClick={() => setUploading(true)}>
              Replace<span className="sr-only"> the document for {item.label}</span>
            </Button>
          </div>
        ) : (
          <Uploader
            purpose="document"
            ownerId={view.userId}
            profileId={view.profileId}
            documentKind={item.documentKind}
            label={`Upload: ${item.label}`}
            onUploaded={() => {
              setUploading(false);
              router.refresh();
            }}
          />
        )
      ) : null}
    </div>
  );
}
