// Loading placeholders shaped like the profiles list and the editor.
import { Skeleton, Skeletons } from "@/components/ui/skeleton";

export function ProfileCardsSkeleton({ cards = 3 }: { cards?: number }) {
  return (
    <div role="status" aria-label="Loading profiles" className="flex flex-col gap-6">
      <Skeleton className="h-8 w-48" />
      <Skeleton card className="h-28" />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {Array.from({ length: cards }, (_, i) => (
          <div key={i} className="flex h-36 gap-3 rounded-xl border border-subtle bg-surface p-5">
            <Skeleton className="size-12 rounded-full" />
            <div className="flex flex-1 flex-col gap-2">
              <Skeleton className="h-5 w-2/3" />
              <Skeleton className="h-4 w-1/3" />
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}

export function ProfileEditorSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <div role="status" aria-label="Loading profile" className="flex flex-col gap-6">
      <Skeleton className="h-8 w-64" />
      <Skeleton card className="h-24" />
      <div className="flex flex-col gap-2 rounded-xl border border-subtle p-5">
        <Skeletons count={rows} className="h-10" />
      </div>
    </div>
  );
}
