import { UsersTableSkeleton } from "@/components/users/users-table";

export default function Loading() {
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
        <div className="mt-2 h-4 w-96 max-w-full animate-pulse rounded bg-inset-strong" />
      </div>
      <div className="grid animate-pulse gap-4 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr]" aria-hidden="true">
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className="h-16 rounded-md bg-inset-strong" />
        ))}
      </div>
      <UsersTableSkeleton />
    </div>
  );
}
