"use client";
import { useId, useState } from "react";
import type { TimelineEntryView } from "@/lib/types/timeline";
import { GROUP_LABELS } from "./action-labels";
import { EntryDiff } from "./entry-diff";
import { ProfileAvatar } from "@/components/profiles/profile-avatar";
import { clockTime, exactTime, relativeTime } from "@/components/ui/format-date";
import type { ClientClock } from "./use-client-clock";

/** Ids and raw request fields: what an investigation may quote, behind the entry's "Details". */
function TechnicalDetails({ entry }: { entry: TimelineEntryView }) {
  const rows: Array<[string, string | null]> = [
    ["Entry id", entry.id],
    ["Actor id", entry.actor.id],
    ["Target user id", entry.target?.id ?? null],
    ["IP address as recorded", entry.technical.ipAddress],
    ["User agent", entry.technical.userAgent],
    ["Signature (HMAC)", entry.technical.hmac],
  ];
  return (
    <div className="mt-3">
      <p className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-muted">Technical details</p>
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[max-content_minmax(0,1fr)]">
        {rows
          .filter((row): row is [string, string] => row[1] !== null)
          .map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="font-medium">{label}</dt>
              <dd className="min-w-0 break-all font-mono text-[0.8125rem]">{value}</dd>
            </div>
          ))}
      </dl>
    </div>
  );
}

/** One entry: its sentence, when (relative, with the exact time on hover and when expanded), where from, and the diff. */
export function TimelineEntry({ entry, clock }: { entry: TimelineEntryView; clock: ClientClock }) {
  const [open, setOpen] = useState(false);
  const sentenceId = useId();
  const detailsId = useId();
  const exact = exactTime(entry.timestamp, clock.zone);
  return (
    <article aria-labelledby={sentenceId} className="rounded-lg border border-subtle bg-surface px-4 py-3">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
        <div className="flex min-w-0 items-start gap-3">
          {/* The sentence names the actor: the face is decorative. People only (not the system). */}
          {entry.actor.name ? <ProfileAvatar name={entry.actor.name} src={entry.actor.avatar} size="sm" decorative className="-my-0.5" /> : null}
          <p id={sentenceId} className="min-w-0 break-words font-medium">
            {entry.sentence}
          </p>
        </div>
        <time dateTime={entry.timestamp} title={exact} className="shrink-0 whitespace-nowrap text-sm text-muted">
          {clock.now === null ? clockTime(entry.timestamp, clock.zone) : `${relativeTime(entry.timestamp, clock.now)} · ${clockTime(entry.timestamp, clock.zone)}`}
        </time>
      </div>
      <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted">
        {entry.group ? <span className="rounded bg-inset px-1.5 py-0.5 text-xs text-soft">{GROUP_LABELS[entry.group]}</span> : null}
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
          className="ml-auto rounded px-1 text-sm font-medium text-link underline hover:no-underline focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          {open ? "Hide details" : "Details"}
        </button>
      </div>
      <div id={detailsId} hidden={!open} className="mt-3 border-t border-divider pt-3 text-sm">
        {open ? (
          <>
            <p className="mb-2 text-soft">
              <span className="font-medium">Exact time:</span> {exact}
              <span className="text-muted"> · {entry.action}</span>
            </p>
            <EntryDiff details={entry.details} />
            <TechnicalDetails entry={entry} />
          </>
        ) : null}
      </div>
    </article>
  );
}
