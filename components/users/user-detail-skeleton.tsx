import { Skeleton } from "@/components/ui/skeleton";

/** The user page while it loads: the heading, then the two columns of cards. */
export function UserDetailSkeleton() {
  return (
    <div role="status" aria-label="Loading user" className="flex flex-col gap-6">
      <Skeleton className="h-8 w-64" />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
        <Skeleton className="h-72 rounded-xl lg:col-span-3" />
        <Skeleton className="h-72 rounded-xl lg:col-span-2" />
      </div>
    </div>
  );
}
