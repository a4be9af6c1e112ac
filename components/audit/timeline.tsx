"use client";
import { type InfiniteData, useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useId, useMemo, useRef } from "react";
import { Button } from "@/components/ui/button";
import { callAction } from "@/lib/types/action-result";
import { countNewerAction, readTimelineAction } from "@/lib/actions/audit/audit-actions";
import type { TimelineEntryView, TimelineViewPage } from "@/lib/types/timeline";
import { queryKeys } from "@/lib/query-keys";
import type { TimelineFilterInput, TimelineSubjectInput } from "@/lib/validation/audit";
import { EmptyState } from "@/components/ui/empty-state";
import { dayHeading, dayKey, type Zone } from "@/components/ui/format-date";
import { ActivityChart } from "./activity-chart";
import { entriesActivity } from "./entries-activity";
import { PendingRegion } from "./filter-transition";
import { TimelineEntry } from "./timeline-entry";
import { useClientClock } from "./use-client-clock";

// A timeline, newest first, grouped by day. The server renders the first page (initial data);
// older pages load when the end of the list scrolls into view, or with the "Load older entries"
// button (for keyboards and for browsers that do not scroll). While the page is open it asks
// every 15 s (and when the tab is shown again) how many entries are newer than the newest one
// shown, and offers to show them.

interface TimelineProps {
  subject: TimelineSubjectInput;
  filter: TimelineFilterInput;
  initialPage: TimelineViewPage;
  /** When the server read the first page: "newer than" for an empty timeline. */
  renderedAt: string;
  emptyText: string;
  /** Chart the loaded entries beside the list (the audit page): they follow its filters. */
  chart?: boolean;
  /** More beside the list, under the chart (the audit page's export and verify panels). */
  aside?: ReactNode;
  /** Load older pages when the end of the list scrolls into view (else the button only). */
  autoLoad?: boolean;
}

const POLL_MS = 15_000;
/** countNewer stops counting here. */
const COUNT_CAP = 50;

interface DayGroup {
  key: string;
  entries: TimelineEntryView[];
}

function groupByDay(entries: TimelineEntryView[], zone: Zone): DayGroup[] {
  const groups: DayGroup[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    // Pages never overlap, but a refetch racing a page load could repeat an entry.
    if (seen.has(entry.id)) continue;
    seen.add(entry.id);
    const key = dayKey(entry.timestamp, zone);
    const last = groups.at(-1);
    if (last?.key === key) last.entries.push(entry);
    else groups.push({ key, entries: [entry] });
  }
  return groups;
}

export function Timeline({ subject, filter, initialPage, renderedAt, emptyText, chart = false, aside, autoLoad = true }: TimelineProps) {
  const clock = useClientClock();
  const queryClient = useQueryClient();
  const headingPrefix = useId();
  const topRef = useRef<HTMLHeadingElement>(null);
  const sentinelRef = useRef<HTMLDivElement>(null);
  const endRef = useRef<HTMLParagraphElement>(null);

  const queryKey = queryKeys.audit.timeline(subject, filter);
  const timeline = useInfiniteQuery({
    queryKey,
    queryFn: async ({ pageParam }) => await callAction(() => readTimelineAction({ subject, filter, cursor: pageParam })),
    initialPageParam: null as string | null,
    getNextPageParam: (last: TimelineViewPage) => last.nextCursor,
    initialData: { pages: [initialPage], pageParams: [null] },
    // New entries are announced by the count below, never by reloading pages under the reader;
    // gcTime 0 drops the cache on leaving, so a later visit starts from the server's fresh page.
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });

  const pages = timeline.data.pages;
  const newest = pages[0]?.entries[0]?.timestamp ?? renderedAt;
  const newer = useQuery({
    queryKey: queryKeys.audit.newer(subject, filter, newest),
    queryFn: async () => (await callAction(() => countNewerAction({ subject, filter, since: newest }))).count,
    initialData: 0,
    staleTime: POLL_MS,
    gcTime: 0,
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: "always",
  });

  const { refetch: recount } = newer;
  useEffect(() => {
    // React Query re-asks when the tab becomes visible again; a window that regains focus (another
    // application was in front) should too. An ask already under way is reused, not repeated.
    const onFocus = () => void recount({ cancelRefetch: false });
    window.addEventListener("focus", onFocus);
    return () => window.removeEventListener("focus", onFocus);
  }, [recount]);

  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = timeline;
  useEffect(() => {
    const sentinel = sentinelRef.current;
    // After a failed load, wait for the button rather than retrying in a loop.
    // Without IntersectionObserver (old or locked-down browsers) the button does the job.
    if (!autoLoad || !sentinel || !hasNextPage || isFetchingNextPage || isFetchNextPageError || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((records) => {
      if (records.some((r) => r.isIntersecting)) void fetchNextPage();
    }, { rootMargin: "400px 0px" });
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [autoLoad, hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage]);

  async function loadOlder() {
    if (isFetchingNextPage) return;
    const result = await fetchNextPage();
    // The button goes away after the last page: keep keyboard focus where the list ends.
    if (!result.hasNextPage && !result.isFetchNextPageError) endRef.current?.focus();
  }

  async function showNewEntries() {
    if (timeline.isRefetching) return;
    // Back to the first page only, then read it again: the newest entries, without re-reading
    // every older page that was loaded.
    queryClient.setQueryData<InfiniteData<TimelineViewPage, string | null>>(queryKey, (old) =>
      old ? { pages: old.pages.slice(0, 1), pageParams: old.pageParams.slice(0, 1) } : old,
    );
    await timeline.refetch();
    topRef.current?.focus();
  }

  const groups = useMemo(() => groupByDay(pages.flatMap((p) => p.entries), clock.zone), [pages, clock.zone]);
  const count = groups.reduce((sum, g) => sum + g.entries.length, 0);
  const newCount = newer.data;
  const refreshing = timeline.isRefetching && !isFetchingNextPage;

  const list = (
    <div className="flex min-w-0 flex-col">
      {/* Always present, so the arrival of new entries is announced. */}
      <div role="status" className="mb-6 empty:mb-0">
        {newCount > 0 ? (
          <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-accent-line bg-accent-soft px-4 py-2.5 text-sm text-accent-ink">
            <span>
              {newCount >= COUNT_CAP ? `${COUNT_CAP}+` : newCount} new {newCount === 1 ? "entry" : "entries"}
            </span>
            <Button variant="secondary" onClick={() => void showNewEntries()} aria-disabled={refreshing} className="aria-disabled:cursor-wait">
              {refreshing ? "Loading…" : "Show new entries"}
            </Button>
          </div>
        ) : null}
      </div>

      <PendingRegion>
      <div className="flex flex-col gap-6" aria-busy={refreshing || isFetchingNextPage}>
        {count === 0 ? (
          <EmptyState title="No activity to show" description={emptyText} />
        ) : (
          groups.map((group, i) => {
            const headingId = `${headingPrefix}-${group.key}`;
            return (
              <section key={group.key} aria-labelledby={headingId}>
                <h2
                  id={headingId}
                  ref={i === 0 ? topRef : undefined}
                  tabIndex={i === 0 ? -1 : undefined}
                  className="sticky top-0 z-10 mb-2 bg-canvas/95 py-1 text-sm font-semibold text-soft outline-none"
                >
                  {dayHeading(group.entries[0]!.timestamp, clock.zone, clock.now)}
                </h2>
                <ol className="flex flex-col gap-2">
                  {group.entries.map((entry) => (
                    <li key={entry.id}>
                      <TimelineEntry entry={entry} clock={clock} />
                    </li>
                  ))}
                </ol>
              </section>
            );
          })
        )}
      </div>

      </PendingRegion>

      <div ref={sentinelRef} aria-hidden="true" />
      {count > 0 ? (
        <div className="mt-6 flex flex-col items-center gap-2 text-sm">
          {hasNextPage ? (
            <Button variant="secondary" onClick={() => void loadOlder()} aria-disabled={isFetchingNextPage} className="aria-disabled:cursor-wait">
              {isFetchingNextPage ? "Loading older entries…" : "Load older entries"}
            </Button>
          ) : null}
          <p ref={endRef} tabIndex={-1} role="status" className="text-muted outline-none">
            {isFetchNextPageError
              ? "Older entries could not be loaded. Try again."
              : `Showing ${count} ${count === 1 ? "entry" : "entries"}${hasNextPage ? "" : ", back to the oldest"}.`}
          </p>
        </div>
      ) : null}
    </div>
  );
  if (!chart && !aside) return list;

  const loaded = groups.flatMap((g) => g.entries);
  const activity = entriesActivity(loaded, { from: filter.from, to: filter.to, today: renderedAt });
  const oldest = loaded.at(-1)?.timestamp;
  const caption = hasNextPage
    ? `The ${count.toLocaleString("en")} entries loaded below, per day (UTC) by kind of action${oldest ? `, back to ${shortDate(oldest)}` : ""}; older ones are added as they load.`
    : `All ${count.toLocaleString("en")} ${count === 1 ? "entry" : "entries"} these filters match, per day (UTC) by kind of action.`;
  return (
    <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_26rem]">
      {list}
      <div className="flex min-w-0 flex-col gap-6">
        {chart ? (
          <section aria-labelledby={`${headingPrefix}-chart`} className="rounded-xl border border-subtle bg-surface p-4">
            <h2 id={`${headingPrefix}-chart`} className="mb-3 text-base font-semibold">
              Activity
            </h2>
            <PendingRegion>
              <ActivityChart
                days={activity.days}
                size="narrow"
                id={`${headingPrefix}-activity`}
                caption={caption}
                period={`the ${activity.days.length} days from ${shortDate(activity.days[0]!.day)} to ${shortDate(activity.days.at(-1)!.day)}, of the entries loaded below`}
              />
            </PendingRegion>
          </section>
        ) : null}
        {aside}
      </div>
    </div>
  );
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** "3 Dec 2026" of an ISO day or time (UTC, as the chart's days are). */
function shortDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}
