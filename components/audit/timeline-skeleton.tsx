/** Placeholder while a timeline page renders on the server (loading.tsx). */
export function TimelineSkeleton({ title, rows = 6 }: { title: string; rows?: number }) {
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <div role="status" aria-label="Loading activity" className="flex animate-pulse flex-col gap-2">
        <div className="h-5 w-40 rounded bg-inset-strong" />
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="h-20 rounded-lg border border-subtle bg-surface" />
        ))}
      </div>
    </div>
  );
}
