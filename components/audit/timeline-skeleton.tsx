import { PageHeader } from "@/components/ui/page-header";
import { Skeleton, Skeletons } from "@/components/ui/skeleton";

/** Placeholder while a timeline page renders on the server (loading.tsx). */
export function TimelineSkeleton({ title, rows = 6 }: { title: string; rows?: number }) {
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={title} />
      <div role="status" aria-label="Loading activity" className="flex flex-col gap-2">
        <Skeleton className="h-5 w-40" />
        <Skeletons count={rows} card className="h-20 rounded-lg" />
      </div>
    </div>
  );
}
