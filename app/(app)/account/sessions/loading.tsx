import { SessionListSkeleton } from "@/components/sessions/session-list-skeleton";

export default function Loading() {
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">Your sessions</h1>
      <SessionListSkeleton />
    </div>
  );
}
