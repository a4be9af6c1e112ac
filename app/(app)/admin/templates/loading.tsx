import { PageSkeleton, RowsSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading templates" titleWidth="w-40">
      <RowsSkeleton label="Loading the list of templates" rows={5} />
    </PageSkeleton>
  );
}
