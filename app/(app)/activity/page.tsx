import type { Metadata } from "next";
import { ExportTimeline } from "@/components/audit/export-timeline";
import { Timeline } from "@/components/audit/timeline";
import { readTimelineView } from "@/lib/audit/timeline";
import { requireUser } from "@/lib/auth/current-user";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Your activity" };

export default async function ActivityPage() {
  const user = await requireUser();
  const subject = { kind: "user", userId: user.id } as const;
  const renderedAt = new Date().toISOString();
  const initialPage = await readTimelineView(user, subject, {});
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Your activity" description="What you did, and what was done to your account and profiles, newest first." />
      <ExportTimeline user={user.id} />
      <Timeline subject={subject} filter={{}} initialPage={initialPage} renderedAt={renderedAt} emptyText="Your sign-ins and changes will appear here." />
    </div>
  );
}
