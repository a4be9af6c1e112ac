import { PageSkeleton, Skeleton } from "@/components/ui/skeleton";

/** The user page while it loads: the heading, then the two columns of cards. */
export function UserDetailSkeleton() {
  return (
    <PageSkeleton label="Loading user" titleWidth="w-64">
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
        <Skeleton className="h-72 rounded-xl lg:col-span-3" />
        <Skeleton className="h-72 rounded-xl lg:col-span-2" />
      </div>
    </PageSkeleton>
  );
}
