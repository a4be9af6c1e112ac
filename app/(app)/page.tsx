import Link from "next/link";
import { ActivityChart } from "@/components/audit/activity-chart";
import { formatUtc } from "@/components/ui/format-date";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/current-user";
import { dailyActivity } from "@/lib/db/audit-stats";
import { PageHeader } from "@/components/ui/page-header";

export default async function HomePage() {
  const user = await requireUser();
  // Daily counters (a few batch reads), never the entries of the period.
  const activity = can(user, "audit.view_all") ? await dailyActivity(30) : null;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={<>Welcome, {user.name}</>}
        description={
          <>
            Signed in as {user.email}
            {user.lastSignInAt ? (
              <>
                {" "}· last sign-in <time dateTime={user.lastSignInAt}>{formatUtc(user.lastSignInAt)}</time>
              </>
            ) : null}
          </>
        }
      />
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
