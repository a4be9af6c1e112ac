import type { Metadata } from "next";
import { ExportTimeline } from "@/components/audit/export-timeline";
import { FilterTransitionProvider } from "@/components/audit/filter-transition";
import { Timeline } from "@/components/audit/timeline";
import { type FilterValues, TimelineFilters } from "@/components/audit/timeline-filters";
import { VerifyAudit } from "@/components/audit/verify-audit";
import { AUDIT_ACTIONS, AUDIT_CATALOGUE, AUDIT_GROUPS } from "@/lib/audit/catalogue";
import { type ChosenUser, readAuditPage } from "@/lib/audit/timeline";
import { requirePermission } from "@/lib/auth/current-user";
import { can, hidesAdmins } from "@/lib/auth/permissions";
import { getUsersByIds } from "@/lib/db/users";
import { parseTimelineSearch } from "@/lib/validation/audit";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Audit log" };

/** A date filter as it was typed (kept in its field so the person sees what to correct), within reason. */
const dayText = (value: string | string[] | undefined) => (typeof value === "string" ? value.slice(0, 10) : undefined);

/** The chosen people by name when the dates keep the timeline from being read (one batch). */
async function chosenOnly(ids: Array<string | undefined>): Promise<Record<string, ChosenUser>> {
  const wanted = ids.filter((id): id is string => Boolean(id));
  if (!wanted.length) return {};
  const users = await getUsersByIds(wanted);
  return Object.fromEntries(wanted.map((id) => [id, { id, name: users.get(id)?.name ?? null }]));
}

// Entries first (under the header and the one-line filter bar), the chart of what the filters
// match beside them on wide screens and after them on narrow ones. One timeline read and one
// user batch for the entries' names and the chosen people: within the page budget of four
// DynamoDB calls with the session (lib/audit/audit-page.int.test.ts).
export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("audit.view_all");
  const search = await searchParams;
  const { filter, problems } = parseTimelineSearch(search);
  const filtersOk = !problems.from && !problems.to;
  const subject = { kind: "all" } as const;
  const renderedAt = new Date().toISOString();
  const read = filtersOk ? await readAuditPage(viewer, filter) : null;
  const chosen = read ? null : await chosenOnly([filter.actorId, filter.targetUserId]);
  const person = (id: string | undefined, fromRead: ChosenUser | null | undefined) => (id ? (fromRead ?? chosen?.[id] ?? { id, name: null }) : null);

  const values: FilterValues = {
    actor: filter.actorId,
    target: filter.targetUserId,
    actions: filter.actions ?? [],
    from: filter.from?.slice(0, 10) ?? dayText(search.from),
    to: filter.to?.slice(0, 10) ?? dayText(search.to),
  };
  const actionGroups = AUDIT_GROUPS.map((group) => ({ group, actions: AUDIT_ACTIONS.filter((a) => AUDIT_CATALOGUE[a].group === group) }));
  const tools = (
    <>
      <ExportTimeline />
      {can(viewer, "audit.verify") ? <VerifyAudit today={renderedAt.slice(0, 10)} /> : null}
    </>
  );

  return (
    <FilterTransitionProvider>
      <div className="flex flex-col gap-4">
        <PageHeader title="Audit log" description={<>Every change and sign-in{hidesAdmins(viewer) ? " you may see (entries by admins are not shown)" : ""}, newest first. The date filters are UTC days; times show in your time zone.</>} />
        <TimelineFilters
          values={values}
          problems={problems}
          people={{ actor: person(filter.actorId, read?.actor), target: person(filter.targetUserId, read?.target) }}
          actionGroups={actionGroups}
        />
        {read ? (
          <Timeline subject={subject} filter={filter} initialPage={read.page} renderedAt={renderedAt} emptyText="No entries match these filters." chart aside={tools} autoLoad={false} />
        ) : (
          <>
            <Alert tone="warning">Correct the dates in the filters to see entries.</Alert>
            {tools}
          </>
        )}
      </div>
    </FilterTransitionProvider>
  );
}
