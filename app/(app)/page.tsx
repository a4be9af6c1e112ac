import Link from "next/link";
import { ActivityChart } from "@/components/audit/activity-chart";
import { formatUtc } from "@/components/ui/format-date";
import { can } from "@/lib/auth/permissions";
import { requireSession } from "@/lib/auth/current-user";
import { dailyActivity } from "@/lib/db/audit-stats";
import { PageHeader } from "@/components/ui/page-header";
import { ChecklistProgress } from "@/components/checklist/checklist-panel";
import { listProfiles } from "@/lib/db/profiles";
import { checklistViewOf } from "@/lib/templates/checklist";
import type { ChecklistView } from "@/lib/templates/checklist-view";
import type { User } from "@/lib/validation/users";

/** The user's own template-based profiles with items still open (at most 20 profiles, a template read each). */
async function openChecklists(user: User): Promise<ChecklistView[]> {
  const profiles = (await listProfiles(user.id)).filter((profile) => profile.templateId);
  const views = await Promise.all(profiles.map((profile) => checklistViewOf(profile, user)));
  return views.flatMap((entry) => (entry && entry.view.done < entry.view.total ? [entry.view] : []));
}

export default async function HomePage() {
  const { user, signInBefore } = await requireSession();
  // Daily counters (a few batch reads), never the entries of the period.
  const [activity, checklists] = await Promise.all([can(user, "audit.view_all") ? dailyActivity(30) : null, openChecklists(user)]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={<>Welcome, {user.name}</>}
        description={
          <>
            Signed in as {user.email}
            {/* The sign-in before this session's: the one the person would not otherwise know about. */}
            {signInBefore ? (
              <>
                {" "}· previous sign-in <time dateTime={signInBefore}>{formatUtc(signInBefore)}</time>
              </>
            ) : null}
          </>
        }
      />
      {checklists.length ? (
        <section aria-labelledby="checklist-heading" className="rounded-xl border border-subtle bg-surface p-6">
          <h2 id="checklist-heading" className="text-lg font-medium">
            Your open checklist items
          </h2>
          <ul role="list" className="mt-3 flex flex-col gap-4">
            {checklists.map((view) => (
              <li key={view.profileId} className="flex flex-col gap-2">
                <Link href={`/profiles/${view.profileId}`} className="font-medium text-link underline hover:no-underline">
                  {view.profileName} · {view.templateTitle}
                </Link>
                <ChecklistProgress view={view} label={`Progress of ${view.profileName}`} />
                <ul role="list" className="list-disc pl-5 text-sm">
                  {view.items.filter((item) => !item.done).map((item) => (
                    <li key={item.id}>{item.label}{view.overdue ? " (overdue)" : ""}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {can(user, "users.list") ? (
        <section aria-labelledby="admin-heading" className="rounded-xl border border-subtle bg-surface p-6">
          <h2 id="admin-heading" className="text-lg font-medium">
            Administration
          </h2>
          <p className="mt-1 text-sm text-muted">Review the people in your organisation and their accounts.</p>
          <Link href="/admin/users" className="mt-4 inline-block text-sm font-medium text-link underline hover:no-underline">
            Go to users
          </Link>
        </section>
      ) : null}
      {activity ? (
        <section aria-labelledby="activity-heading" className="rounded-xl border border-subtle bg-surface p-6">
          <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="activity-heading" className="text-lg font-medium">
              Activity
            </h2>
            <Link href="/admin/audit" className="text-sm font-medium text-link underline hover:no-underline">
              Open the audit log
            </Link>
          </div>
          <ActivityChart days={activity} />
        </section>
      ) : null}
    </div>
  );
}
