"use client";
import { useId, useState } from "react";
import type { TimelineEntryView } from "@/lib/types/timeline";
import { GROUP_LABELS } from "./action-labels";
import { EntryDiff } from "./entry-diff";
import { clockTime, exactTime, relativeTime } from "./time-format";
import type { ClientClock } from "./use-client-clock";

/** One entry: its sentence, when (relative, with the exact time on hover and when expanded), where from, and the diff. */
export function TimelineEntry({ entry, clock }: { entry: TimelineEntryView; clock: ClientClock }) {
  const [open, setOpen] = useState(false);
  const sentenceId = useId();
  const detailsId = useId();
  const exact = exactTime(entry.timestamp, clock.zone);
  return (
    <article aria-labelledby={sentenceId} className="rounded-lg border border-zinc-200 bg-white px-4 py-3 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
        <p id={sentenceId} className="min-w-0 break-words font-medium">
          {entry.sentence}
        </p>
        <time dateTime={entry.timestamp} title={exact} className="shrink-0 whitespace-nowrap text-sm text-zinc-600 dark:text-zinc-400">
          {clock.now === null ? clockTime(entry.timestamp, clock.zone) : `${relativeTime(entry.timestamp, clock.now)} · ${clockTime(entry.timestamp, clock.zone)}`}
        </time>
      </div>
      <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-zinc-600 dark:text-zinc-400">
        {entry.group ? <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">{GROUP_LABELS[entry.group]}</span> : null}
        <span>
          <span className="sr-only">IP address: </span>
          {entry.ipAddress ?? "Unknown address"}
        </span>
        {entry.device ? (
          <span>
            <span className="sr-only">Device: </span>
            {entry.device}
          </span>
        ) : null}
        <button
          type="button"
          aria-expanded={open}
          aria-controls={detailsId}
          aria-describedby={sentenceId}
          onClick={() => setOpen((v) => !v)}
          className="ml-auto rounded px-1 text-sm font-medium text-indigo-700 underline hover:no-underline focus-visible:outline-2 focus-visible:outline-indigo-600 dark:text-indigo-300"
        >
          {open ? "Hide details" : "Details"}
        </button>
      </div>
      <div id={detailsId} hidden={!open} className="mt-3 border-t border-zinc-100 pt-3 text-sm dark:border-zinc-800">
        {open ? (
          <>
            <p className="mb-2 text-zinc-700 dark:text-zinc-300">
              <span className="font-medium">Exact time:</span> {exact}
              <span className="text-zinc-600 dark:text-zinc-400"> · {entry.action}</span>
            </p>
            <EntryDiff details={entry.details} />
          </>
        ) : null}
      </div>
    </article>
  );
}
