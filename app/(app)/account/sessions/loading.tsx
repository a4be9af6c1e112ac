import { SessionListSkeleton } from "@/components/sessions/session-list-skeleton";
import { PageHeader } from "@/components/ui/page-header";

export default function Loading() {
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <PageHeader title="Your sessions" />
      <SessionListSkeleton />
    </div>
  );
}
