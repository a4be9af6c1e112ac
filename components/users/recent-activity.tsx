// A user's recent audit entries, by them and done to them, on their detail page. The page reads
// them through the audit timeline (visibility applied in the read, names from one batch); this
// module shapes them for display (pure, tested) and renders them as plain text.
import Link from "next/link";
import type { TimelineEntryView } from "@/lib/audit/timeline";
import { formatUtc } from "@/components/ui/format-date";

export interface ActivityChange {
  field: string;
  from: string;
  to: string;
}

export interface ActivityItem {
  id: string;
  sentence: string;
  timestamp: string;
  changes: ActivityChange[];
}

/** Actions that make a new version of the user: who made the version a conflict is about. */
const USER_CHANGE_ACTIONS: ReadonlySet<string> = new Set(["user.updated", "user.role_changed", "user.deactivated", "user.reactivated"]);

function valueText(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(none)";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

function changesOf(entry: Pick<TimelineEntryView, "action" | "details">): ActivityChange[] {
  if (entry.action !== "user.updated") return [];
  const changes = entry.details.changes;
  if (typeof changes !== "object" || changes === null) return [];
  return Object.entries(changes as Record<string, { from?: unknown; to?: unknown } | null>).map(([field, change]) => ({
    field,
    from: valueText(change?.from),
    to: valueText(change?.to),
  }));
}

export function toActivityItems(entries: TimelineEntryView[]): ActivityItem[] {
  return entries.map((entry) => ({ id: entry.id, sentence: entry.sentence, timestamp: entry.timestamp, changes: changesOf(entry) }));
}

/**
 * Who made the user's current version, if it is among the entries: a change and its audit entry
 * share one timestamp, which is also the user's `updatedAt`.
 */
export function madeVersion(entries: TimelineEntryView[], user: { id: string; updatedAt: string }): { at: string; by: string } | null {
  const entry = entries.find((e) => e.target?.id === user.id && USER_CHANGE_ACTIONS.has(e.action) && e.timestamp === user.updatedAt);
  return entry?.actor.name ? { at: entry.timestamp, by: entry.actor.name } : null;
}

export function RecentActivity({ items, timelineHref }: { items: ActivityItem[]; timelineHref: string }) {
  return (
    <section aria-labelledby="activity-heading" className="rounded-xl border border-subtle bg-surface p-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="activity-heading" className="text-lg font-medium">
          Recent activity
        </h2>
        <Link href={timelineHref} prefetch={false} className="text-sm font-medium text-link underline hover:no-underline">
          Full audit timeline
        </Link>
      </div>
      {items.length === 0 ? (
        <p className="mt-3 text-sm text-muted">No activity yet.</p>
      ) : (
        <ol className="mt-3 divide-y divide-divider">
          {items.map((item) => (
            <li key={item.id} className="py-3 text-sm">
              <p className="break-words">{item.sentence}</p>
              <p className="mt-0.5 text-xs text-muted">
                <time dateTime={item.timestamp}>{formatUtc(item.timestamp)}</time>
              </p>
              {item.changes.length ? (
                <ul aria-label="Changes" className="mt-1 flex flex-col gap-0.5 text-xs text-soft">
                  {item.changes.map((change) => (
                    <li key={change.field} className="break-words">
                      <span className="font-medium">{change.field}</span>: {change.from}
                      <span aria-hidden="true"> → </span>
                      <span className="sr-only"> changed to </span>
                      {change.to}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
