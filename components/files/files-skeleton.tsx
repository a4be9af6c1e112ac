import { Skeleton, RowsSkeleton } from "@/components/ui/skeleton";

export function FilesTableSkeleton({ rows = 6 }: { rows?: number }) {
  return <RowsSkeleton label="Loading files" rows={rows} />;
}

/** The files page while its first page of files loads: heading, drop zone and list shapes. */
export function FilesPageSkeleton() {
  return (
    <div className="flex flex-col gap-8">
      <Skeleton className="h-8 w-40" />
      <div aria-hidden="true" className="h-36 animate-pulse rounded-xl border-2 border-dashed border-line" />
      <FilesTableSkeleton />
    </div>
  );
}
