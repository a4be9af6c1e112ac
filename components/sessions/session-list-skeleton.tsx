import { Skeleton } from "@/components/ui/skeleton";

/** Placeholder rows while the sessions load. */
export function SessionListSkeleton({ rows = 2 }: { rows?: number }) {
  return (
    <div aria-busy="true" aria-label="Loading sessions" className="divide-y divide-subtle rounded-lg border border-subtle">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="flex flex-col gap-2 px-4 py-3">
          <Skeleton className="h-4 w-48" />
          <Skeleton className="h-3 w-80 max-w-full" />
        </div>
      ))}
    </div>
  );
}
