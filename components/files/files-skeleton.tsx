export function FilesTableSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <div role="status" aria-label="Loading files" className="animate-pulse rounded-xl border border-subtle bg-surface p-4">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="mb-3 h-6 rounded bg-inset-strong last:mb-0" />
      ))}
    </div>
  );
}

/** The files page while its first page of files loads: heading, drop zone and list shapes. */
export function FilesPageSkeleton() {
  return (
    <div className="flex flex-col gap-8">
      <div className="h-8 w-40 animate-pulse rounded bg-inset-strong" />
      <div className="h-36 animate-pulse rounded-xl border-2 border-dashed border-line" />
      <FilesTableSkeleton />
    </div>
  );
}
