// Loading placeholders shaped like the profiles list and the editor.
const bar = "rounded bg-inset-strong";

export function ProfileCardsSkeleton({ cards = 3 }: { cards?: number }) {
  return (
    <div role="status" aria-label="Loading profiles" className="flex animate-pulse flex-col gap-6">
      <div className={`h-8 w-48 ${bar}`} />
      <div className="h-28 rounded-xl border border-subtle bg-surface" />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {Array.from({ length: cards }, (_, i) => (
          <div key={i} className="flex h-36 gap-3 rounded-xl border border-subtle bg-surface p-5">
            <div className="size-12 rounded-full bg-inset-strong" />
            <div className="flex flex-1 flex-col gap-2">
              <div className={`h-5 w-2/3 ${bar}`} />
              <div className={`h-4 w-1/3 ${bar}`} />
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}

export function ProfileEditorSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <div role="status" aria-label="Loading profile" className="flex animate-pulse flex-col gap-6">
      <div className={`h-8 w-64 ${bar}`} />
      <div className="h-24 rounded-xl border border-subtle bg-surface" />
      <div className="flex flex-col gap-2 rounded-xl border border-subtle p-5">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className={`h-10 ${bar}`} />
        ))}
      </div>
    </div>
  );
}
