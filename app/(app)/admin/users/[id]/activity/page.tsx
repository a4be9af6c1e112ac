import type { Metadata } from "next";
import Link from "next/link";
import { ExportTimeline } from "@/components/audit/export-timeline";
import { Timeline } from "@/components/audit/timeline";
import { readTimelineView } from "@/lib/audit/timeline";
import { requirePermission } from "@/lib/auth/current-user";
import { hidesAdmins } from "@/lib/auth/permissions";
import { forPage, userSubject } from "@/lib/auth/subjects";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "User activity" };

/** One user's timeline: what they did and what was done to them (the user page's Activity tab). */
export default async function UserActivityPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePermission("users.list");
  const { id } = await params;
  // A user the viewer may not see does not exist for them.
  const user = await forPage(userSubject(viewer, id, "users.view"));

  const subject = { kind: "user", userId: user.id } as const;
  const renderedAt = new Date().toISOString();
  const initialPage = await readTimelineView(viewer, subject, {});
  return (
    <div className="flex flex-col gap-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <ol className="flex flex-wrap items-center gap-1 text-muted">
          <li>
            <Link href="/admin/users" className="underline hover:no-underline">
              Users
            </Link>
            <span aria-hidden="true"> /</span>
          </li>
          <li>
            <Link href={`/admin/users/${user.id}`} className="underline hover:no-underline">
              {user.name}
            </Link>
            <span aria-hidden="true"> /</span>
          </li>
          <li aria-current="page">Activity</li>
        </ol>
      </nav>
      <PageHeader
        title={<>Activity of {user.name}</>}
        description={
          <>
            What {user.name} did, and what was done to their account and profiles, newest first
            {hidesAdmins(viewer) ? " (entries by admins are not shown)" : ""}.
          </>
        }
      />
      <ExportTimeline user={user.id} />
      <Timeline subject={subject} filter={{}} initialPage={initialPage} renderedAt={renderedAt} emptyText="Nothing has happened on this account yet." />
    </div>
  );
}
