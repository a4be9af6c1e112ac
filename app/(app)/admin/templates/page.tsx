import type { Metadata } from "next";
import Link from "next/link";
import { TemplatesTable } from "@/components/templates/templates-table";
import { StaleCursorPanel } from "@/components/ui/stale-cursor-panel";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/current-user";
import { InvalidCursorError } from "@/lib/db/cursor";
import { type TemplateStatus } from "@/lib/db/templates";
import { listTemplates } from "@/lib/templates/service";
import { thumbnailUrl } from "@/lib/templates/thumbnails";

export const metadata: Metadata = { title: "Templates" };

const PAGE_SIZE = 50;

type Search = Record<string, string | string[] | undefined>;

const href = (status: TemplateStatus, cursor?: string | null) =>
  `/admin/templates?${new URLSearchParams({ ...(status === "archived" ? { status } : {}), ...(cursor ? { cursor } : {}) })}`.replace(/\?$/, "");

export default async function TemplatesPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePermission("templates.manage");
  const search = await searchParams;
  // Anything but "archived" is the active list: a hostile value never reaches the Query.
  const status: TemplateStatus = search.status === "archived" ? "archived" : "active";
  const cursor = typeof search.cursor === "string" && search.cursor ? search.cursor : null;

  let page;
  try {
    page = await listTemplates({ status, cursor, limit: PAGE_SIZE });
  } catch (error) {
    if (!(error instanceof InvalidCursorError)) throw error;
    return <StaleCursorPanel title="Templates" message={error.message} firstPageHref={href(status)} />;
  }

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Templates"
        description="What a profile should hold before someone starts work. Most recently changed first."
        actions={
          <Link href="/admin/templates/new" className={buttonClasses("primary")}>
            New template
          </Link>
        }
      />
      <nav aria-label="Template status" className="flex gap-4 text-sm">
        {(["active", "archived"] as const).map((s) => (
          <Link key={s} href={href(s)} aria-current={s === status ? "page" : undefined} className={s === status ? "font-semibold underline" : "text-link hover:underline"}>
            {s === "active" ? "Active" : "Archived"}
          </Link>
        ))}
      </nav>
      {page.items.length ? (
        // Only what a row shows reaches the browser (no object keys, no creator ids); thumbnails
        // as presigned GETs, signed locally without a request to S3.
        <TemplatesTable
          templates={await Promise.all(
            page.items.map(async ({ id, title, profileType, fieldCount, checklistCount, status, updatedAt, version, thumbnailKey }) => ({
              id, title, profileType, fieldCount, checklistCount, status, updatedAt, version,
              thumbnailUrl: await thumbnailUrl({ thumbnailKey, title }),
            })),
          )}
        />
      ) : (
        <EmptyState
          title={status === "active" ? "No active templates" : "No archived templates"}
          description={status === "active" ? "The sample template is created when the app is set up; templates created later appear here." : "Archived templates appear here."}
        />
      )}
      {page.nextCursor ? (
        <Link href={href(status, page.nextCursor)} className="self-start text-sm font-medium text-link underline hover:no-underline">
          Next page
        </Link>
      ) : null}
    </div>
  );
}
