import type { Metadata } from "next";
import { ExportTimeline } from "@/components/audit/export-timeline";
import { Timeline } from "@/components/audit/timeline";
import { type FilterValues, TimelineFilters, type UserOption } from "@/components/audit/timeline-filters";
import { VerifyAudit } from "@/components/audit/verify-audit";
import { AUDIT_ACTIONS, AUDIT_CATALOGUE, AUDIT_GROUPS } from "@/lib/audit/catalogue";
import { readTimelineView } from "@/lib/audit/timeline";
import { requirePermission } from "@/lib/auth/current-user";
import { can, hidesAdmins } from "@/lib/auth/permissions";
import { listUsers } from "@/lib/db/user-directory";
import { getUsersByIds } from "@/lib/db/users";
import { type User } from "@/lib/validation/users";
import { parseTimelineSearch } from "@/lib/validation/audit";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Audit log" };

/** The user picker offers this many people by name; anyone else can still be chosen by link. */
const PICKER_SIZE = 100;

/** A date filter as it was typed (kept in its field so the person sees what to correct), within reason. */
const dayText = (value: string | string[] | undefined) => (typeof value === "string" ? value.slice(0, 10) : undefined);

const option = (user: User): UserOption => ({ id: user.id, label: `${user.name} (${user.email})` });

/** The picker's users, plus the chosen actor and target when they are not among them. */
async function pickerUsers(chosen: Array<string | undefined>): Promise<UserOption[]> {
  const { items } = await listUsers({ sort: "name" }, { limit: PICKER_SIZE });
  const missing = chosen.filter((id): id is string => Boolean(id) && !items.some((u) => u.id === id));
  const extra = missing.length ? [...(await getUsersByIds(missing)).values()] : [];
  return [...extra, ...items].map(option);
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("audit.view_all");
  const search = await searchParams;
  const { filter, problems } = parseTimelineSearch(search);
  const filtersOk = !problems.from && !problems.to;
  const subject = { kind: "all" } as const;
  const renderedAt = new Date().toISOString();
  const [initialPage, users] = await Promise.all([filtersOk ? readTimelineView(viewer, subject, filter) : null, pickerUsers([filter.actorId, filter.targetUserId])]);

  const values: FilterValues = {
    actor: filter.actorId,
    target: filter.targetUserId,
    actions: filter.actions ?? [],
    from: filter.from?.slice(0, 10) ?? dayText(search.from),
    to: filter.to?.slice(0, 10) ?? dayText(search.to),
  };
  const actionGroups = AUDIT_GROUPS.map((group) => ({ group, actions: AUDIT_ACTIONS.filter((a) => AUDIT_CATALOGUE[a].group === group) }));

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Audit log" description={<>Every change and sign-in{hidesAdmins(viewer) ? " you may see (entries by admins are not shown)" : ""}, newest first. The date filters are UTC days; times show in your time zone.</>} />
      <TimelineFilters values={values} problems={problems} users={users} actionGroups={actionGroups} />
      <ExportTimeline />
      {can(viewer, "audit.verify") ? <VerifyAudit today={renderedAt.slice(0, 10)} /> : null}
      {initialPage ? (
        <Timeline subject={subject} filter={filter} initialPage={initialPage} renderedAt={renderedAt} emptyText="No entries match these filters." />
      ) : (
        <Alert tone="warning">Correct the dates in the filters to see entries.</Alert>
      )}
    </div>
  );
}
