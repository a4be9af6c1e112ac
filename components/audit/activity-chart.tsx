import type { AuditGroup } from "@/lib/audit/catalogue";
import type { DailyActivity } from "@/lib/db/audit-stats";
import { GROUP_LABELS } from "./action-labels";

// Audit entries per day, stacked by action group, as plain SVG rendered on the server (no
// chart library, no client JavaScript). Screen readers get a summary on the image and the exact
// numbers in a table behind a native "Show as table" disclosure. Colours keep at least 3:1
// against the card in light and dark; segments are also separated by a gap, so no reading
// depends on telling two colours apart.

const GROUPS: AuditGroup[] = ["users", "profiles", "files", "templates", "sign-ins"];

const FILL: Record<AuditGroup, string> = {
  users: "fill-chart-users",
  profiles: "fill-chart-profiles",
  files: "fill-chart-files",
  templates: "fill-chart-templates",
  "sign-ins": "fill-chart-sign-ins",
};
const SWATCH: Record<AuditGroup, string> = {
  users: "bg-chart-users",
  profiles: "bg-chart-profiles",
  files: "bg-chart-files",
  templates: "bg-chart-templates",
  "sign-ins": "bg-chart-sign-ins",
};

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WIDE = { width: 720, height: 220 };
/** For a side column: fewer units across, so the axis text stays readable when scaled down. */
const NARROW = { width: 420, height: 200 };
const LEFT = 44;
/** Room for the last day's label, centred under the rightmost bar. */
const RIGHT = 24;
const BOTTOM = 26;
const TOP = 10;

/** "12 May" from "2026-05-12" (the counters' days are UTC days). */
function shortDay(day: string): string {
  const [, month, date] = day.split("-").map(Number) as [number, number, number];
  return `${date} ${MONTHS[month - 1]}`;
}

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value`, so the axis reads in round numbers. */
function niceCeiling(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].map((m) => m * power).find((step) => step >= value) ?? 10 * power);
}

const total = (day: DailyActivity) => GROUPS.reduce((sum, g) => sum + day[g], 0);
const formatCount = (n: number) => n.toLocaleString("en");

function summaryOf(days: DailyActivity[], period: string): string {
  const sums = GROUPS.map((g) => [g, days.reduce((s, d) => s + d[g], 0)] as const);
  const all = sums.reduce((s, [, n]) => s + n, 0);
  if (all === 0) return `Stacked bar chart of audit entries per day for ${period}: no entries.`;
  const busiest = days.reduce((best, d) => (total(d) > total(best) ? d : best));
  const parts = sums.map(([g, n]) => `${GROUP_LABELS[g].toLowerCase()} ${formatCount(n)}`).join(", ");
  return `Stacked bar chart of audit entries per day for ${period}: ${formatCount(all)} ${all === 1 ? "entry" : "entries"} in all (${parts}). Busiest day ${shortDay(busiest.day)} with ${formatCount(total(busiest))}.`;
}

interface ActivityChartProps {
  days: DailyActivity[];
  /** What the bars count, under the chart's name; the home page's counters by default. */
  caption?: string;
  /** The period in the image's summary ("the last 30 days" by default). */
  period?: string;
  /** "narrow" for a side column. */
  size?: "wide" | "narrow";
  /** For the caption's id: one chart per page needs none. */
  id?: string;
}

export function ActivityChart({ days, caption, period, size = "wide", id = "activity-chart" }: ActivityChartProps) {
  const { width: WIDTH, height: HEIGHT } = size === "narrow" ? NARROW : WIDE;
  const described = period ?? `the last ${days.length} days`;
  const captionText = caption ?? `Audit entries per day for the last ${days.length} days (UTC), by kind of action.`;
  // A date under every fifth bar, or fewer when bars are many (about 60 units a label).
  const labelEvery = Math.max(5, Math.ceil(days.length / Math.floor(WIDTH / 60)));
  const max = niceCeiling(Math.max(0, ...days.map(total)));
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = plotWidth / Math.max(days.length, 1);
  const barWidth = Math.max(slot * 0.7, 2);
  const y = (value: number) => TOP + plotHeight - (value / max) * plotHeight;
  const ticks = [0, max / 2, max].filter((t) => Number.isInteger(t));

  return (
    <figure aria-labelledby={`${id}-caption`} className="flex flex-col gap-3">
      <figcaption id={`${id}-caption`} className="text-sm text-soft">
        {captionText}
      </figcaption>
      <svg role="img" aria-label={summaryOf(days, described)} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full">
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(tick)} y2={y(tick)} className="stroke-rule" strokeWidth={1} />
            <text x={LEFT - 6} y={y(tick)} textAnchor="end" dominantBaseline="middle" className="fill-muted text-[11px]">
              {formatCount(tick)}
            </text>
          </g>
        ))}
        {days.map((day, i) => {
          const x = LEFT + i * slot + (slot - barWidth) / 2;
          let stacked = 0;
          return (
            <g key={day.day}>
              <title>{`${shortDay(day.day)}: ${GROUPS.map((g) => `${day[g]} ${GROUP_LABELS[g].toLowerCase()}`).join(", ")}`}</title>
              {GROUPS.map((group) => {
                if (!day[group]) return null;
                const top = y(stacked + day[group]);
                const bottom = y(stacked);
                stacked += day[group];
                return (
                  <rect key={group} x={x} y={top} width={barWidth} height={Math.max(bottom - top, 1)} className={`${FILL[group]} stroke-surface`} strokeWidth={1} />
                );
              })}
              {(days.length - 1 - i) % labelEvery === 0 ? (
                <text x={x + barWidth / 2} y={HEIGHT - 8} textAnchor="middle" className="fill-muted text-[11px]">
                  {shortDay(day.day)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm" aria-label="Legend">
        {GROUPS.map((group) => (
          <li key={group} className="flex items-center gap-2">
            <span aria-hidden="true" className={`inline-block size-3 rounded-sm ${SWATCH[group]}`} />
            {GROUP_LABELS[group]}
          </li>
        ))}
      </ul>
      <details className="group text-sm">
        <summary className="cursor-pointer font-medium text-link underline hover:no-underline">
          <span className="group-open:hidden">Show as table</span>
          <span className="hidden group-open:inline">Hide table</span>
        </summary>
        {/* Scrolls on its own, so it takes keyboard focus (arrow keys scroll it). */}
        <div tabIndex={0} role="region" aria-label="Activity per day" className="mt-3 max-h-96 overflow-auto rounded-lg border border-subtle focus-visible:outline-2 focus-visible:outline-indigo-600">
          <table className="w-full text-left text-sm tabular-nums">
            <caption className="sr-only">{captionText}</caption>
            <thead className="sticky top-0 bg-surface-alt text-xs uppercase tracking-wide text-muted">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Day</th>
                {GROUPS.map((g) => (
                  <th key={g} scope="col" className="px-3 py-2 text-right font-medium">{GROUP_LABELS[g]}</th>
                ))}
                <th scope="col" className="px-3 py-2 text-right font-medium">Total</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-divider">
              {[...days].reverse().map((day) => (
                <tr key={day.day}>
                  <th scope="row" className="whitespace-nowrap px-3 py-1.5 font-normal">
                    <time dateTime={day.day}>{shortDay(day.day)}</time>
                  </th>
                  {GROUPS.map((g) => (
                    <td key={g} className="px-3 py-1.5 text-right">{formatCount(day[g])}</td>
                  ))}
                  <td className="px-3 py-1.5 text-right font-medium">{formatCount(total(day))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
