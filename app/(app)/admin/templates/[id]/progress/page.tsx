import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CsvExport } from "@/components/ui/csv-export";
import { EmptyState } from "@/components/ui/empty-state";
import { formatUtc } from "@/components/ui/format-date";
import { PageHeader } from "@/components/ui/page-header";
import { StaleCursorPanel } from "@/components/ui/stale-cursor-panel";
import { StatusBadge } from "@/components/ui/status-badge";
import { requirePermission } from "@/lib/auth/current-user";
import { InvalidCursorError } from "@/lib/db/cursor";
import { getTemplateMetadata } from "@/lib/db/templates";
import { parseProgressFilter, parseProgressOrder, type ProgressFilter, templateProgressPage } from "@/lib/templates/progress";

export const metadata: Metadata = { title: "Template progress" };

const PAGE_SIZE = 50;
const FILTER_LABELS: Record<ProgressFilter, string> = { all: "All", open: "Open", overdue: "Overdue", done: "Done" };

type Search = Record<string, string | string[] | undefined>;

export default async function TemplateProgressPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const viewer = await requirePermission("templates.manage");
  const { id } = await params;
  const template = id.length <= 64 ? await getTemplateMetadata(id) : null;
  if (!template) notFound();
  const search = await searchParams;
  const filter = parseProgressFilter(search.filter);
  const order = parseProgressOrder(search.order);
  const cursor = typeof search.cursor === "string" && search.cursor ? search.cursor : null;
  const base = `/admin/templates/${encodeURIComponent(template.id)}/progress`;
  const href = (next: { filter?: ProgressFilter; order?: "asc" | "desc"; cursor?: string | null }) => {
    const query = new URLSearchParams();
    const f = next.filter ?? filter;
    const o = next.order ?? order;
    if (f !== "all") query.set("filter", f);
    if (o !== "asc") query.set("order", o);
    if (next.cursor) query.set("cursor", next.cursor);
    return `${base}${query.size ? `?${query}` : ""}`;
  };

  let page;
  try {
    page = await templateProgressPage(viewer, { templateId: template.id, filter, order, cursor, limit: PAGE_SIZE });
  } catch (error) {
    if (!(error instanceof InvalidCursorError)) throw error;
    return <StaleCursorPanel title={`Progress: ${template.title}`} message={error.message} firstPageHref={href({ cursor: null })} />;
  }
  const exportQuery = new URLSearchParams({ filter, order });

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={<>Progress: {template.title}</>}
        back={
          <Link href="/admin/templates" className="text-sm font-medium text-link underline hover:no-underline">
            ← Templates
          </Link>
        }
        description={
          <>
            Every profile made from this template, open ones first by due date (most overdue first).
            {viewer.role === "manager" ? " Only profiles of users with the role user (and your own) are shown." : ""}
          </>
        }
        actions={
          <CsvExport
            href={`/api/templates/${encodeURIComponent(template.id)}/progress?${exportQuery}`}
            noun={["profile", "profiles"]}
            fallbackName="template-progress.csv"
            forbiddenMessage="You do not have permission to export this progress."
          />
        }
      />
      <div className="flex flex-wrap items-center justify-between gap-4">
        <nav aria-label="Filter by state" className="flex gap-4 text-sm">
          {(Object.keys(FILTER_LABELS) as ProgressFilter[]).map((f) => (
            <Link key={f} href={href({ filter: f, cursor: null })} aria-current={f === filter ? "page" : undefined} className={f === filter ? "font-semibold underline" : "text-link hover:underline"}>
              {FILTER_LABELS[f]}
            </Link>
          ))}
        </nav>
        <Link href={href({ order: order === "asc" ? "desc" : "asc", cursor: null })} className="text-sm font-medium text-link underline hover:no-underline">
          {order === "asc" ? "Sort: most overdue first (reverse)" : "Sort: most recently done first (reverse)"}
        </Link>
      </div>
      {page.items.length ? (
        <div className="relative overflow-x-auto rounded-xl border border-subtle bg-surface">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Progress on {template.title}</caption>
            <thead className="border-b border-subtle bg-surface-alt text-xs uppercase tracking-wide text-muted">
              <tr>
                {["Person", "Profile", "Progress", "State", "Due", "Completed"].map((heading) => (
                  <th key={heading} scope="col" className="px-4 py-3 font-medium">
                    {heading}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-rule">
              {page.items.map((row) => (
                <tr key={row.profileId}>
                  <th scope="row" className="px-4 py-3 font-medium">
                    <Link href={`/admin/users/${row.userId}/profiles/${row.profileId}`} className="text-link hover:underline">
                      {row.userName}
                    </Link>
                    <div className="text-xs font-normal text-muted">{row.userEmail}</div>
                  </th>
                  <td className="px-4 py-3">{row.profileName}</td>
                  <td className="px-4 py-3">
                    {row.done} of {row.total} ({row.percent}%)
                  </td>
                  <td className="px-4 py-3">
                    <StatusBadge tone={row.done === row.total ? "success" : row.overdue ? "warning" : "neutral"}>{row.done === row.total ? "Done" : row.overdue ? "Overdue" : "Open"}</StatusBadge>
                  </td>
                  <td className="px-4 py-3">{row.dueAt ? formatUtc(row.dueAt) : "—"}</td>
                  <td className="px-4 py-3">{row.completedAt ? formatUtc(row.completedAt) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <EmptyState title={filter === "all" ? "No profiles from this template yet" : `No ${FILTER_LABELS[filter].toLowerCase()} profiles`} description="Profiles people create from this template appear here." />
      )}
      {page.nextCursor ? (
        <Link href={href({ cursor: page.nextCursor })} className="self-start text-sm font-medium text-link underline hover:no-underline">
          Next page
        </Link>
      ) : null}
    </div>
  );
}
