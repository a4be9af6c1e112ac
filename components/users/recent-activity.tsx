// A user's recent audit entries, by them and done to them, on their detail page, as plain text.
// The page reads them through the audit timeline (visibility applied in the read, names from
// one batch) and shapes them with lib/audit/activity-items.ts.
import Link from "next/link";
import type { ActivityItem } from "@/lib/audit/activity-items";
import { formatUtc } from "@/components/ui/format-date";

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
