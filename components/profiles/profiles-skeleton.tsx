// Loading placeholders shaped like the profiles list and the editor.
import { PageSkeleton, Skeleton, SkeletonCard, Skeletons } from "@/components/ui/skeleton";

export function ProfileCardsSkeleton({ cards = 3 }: { cards?: number }) {
  return (
    <PageSkeleton label="Loading profiles" titleWidth="w-48">
      <Skeleton card className="h-28" />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {Array.from({ length: cards }, (_, i) => (
          <SkeletonCard key={i} className="flex h-36 gap-3">
            <Skeleton className="size-12 rounded-full" />
            <div className="flex flex-1 flex-col gap-2">
              <Skeleton className="h-5 w-2/3" />
              <Skeleton className="h-4 w-1/3" />
            </div>
          </SkeletonCard>
        ))}
      </div>
    </PageSkeleton>
  );
}

export function ProfileEditorSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <PageSkeleton label="Loading profile" titleWidth="w-64">
      <Skeleton card className="h-24" />
      <SkeletonCard className="flex flex-col gap-2">
        <Skeletons count={rows} className="h-10" />
      </SkeletonCard>
    </PageSkeleton>
  );
}
