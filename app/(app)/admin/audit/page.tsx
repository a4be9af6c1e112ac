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
import { timelineFilterSchema } from "@/lib/validation/audit";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Audit log" };

/** The user picker offers this many people by name; anyone else can still be chosen by link. */
const PICKER_SIZE = 100;

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
  const filter = timelineFilterSchema.parse(await searchParams);
  const subject = { kind: "all" } as const;
  const renderedAt = new Date().toISOString();
  const [initialPage, users] = await Promise.all([readTimelineView(viewer, subject, filter), pickerUsers([filter.actorId, filter.targetUserId])]);

  const values: FilterValues = {
    actor: filter.actorId,
    target: filter.targetUserId,
    actions: filter.actions ?? [],
    from: filter.from?.slice(0, 10),
    to: filter.to?.slice(0, 10),
  };
  const actionGroups = AUDIT_GROUPS.map((group) => ({ group, actions: AUDIT_ACTIONS.filter((a) => AUDIT_CATALOGUE[a].group === group) }));

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Audit log" description={<>Every change and sign-in{hidesAdmins(viewer) ? " you may see (entries by admins are not shown)" : ""}, newest first. The date filters are UTC days; times show in your time zone.</>} />
      <TimelineFilters values={values} users={users} actionGroups={actionGroups} />
      <ExportTimeline />
      {can(viewer, "audit.verify") ? <VerifyAudit today={renderedAt.slice(0, 10)} /> : null}
      <Timeline subject={subject} filter={filter} initialPage={initialPage} renderedAt={renderedAt} emptyText="No entries match these filters." />
    </div>
  );
}
