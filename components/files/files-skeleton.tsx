export function FilesTableSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <div role="status" aria-label="Loading files" className="animate-pulse rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="mb-3 h-6 rounded bg-zinc-200 last:mb-0 dark:bg-zinc-800" />
      ))}
    </div>
  );
}

/** The files page while its first page of files loads: heading, drop zone and list shapes. */
export function FilesPageSkeleton() {
  return (
    <div className="flex flex-col gap-8">
      <div className="h-8 w-40 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-36 animate-pulse rounded-xl border-2 border-dashed border-zinc-300 dark:border-zinc-700" />
      <FilesTableSkeleton />
    </div>
  );
}
