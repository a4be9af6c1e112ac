import { PageHeader } from "@/components/ui/page-header";
import { RowsSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <PageHeader title="Sign-in security" />
      <RowsSkeleton label="Loading two-factor authentication" rows={3} />
    </div>
  );
}
