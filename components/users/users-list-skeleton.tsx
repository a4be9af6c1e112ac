import { PageHeader } from "@/components/ui/page-header";
import { Skeletons } from "@/components/ui/skeleton";
import { UsersTableSkeleton } from "./users-table";

/** The users page's description, here so the server-rendered skeleton can show it too. */
export const USERS_DESCRIPTION = "Everyone with an account. Filter, search, export, or select people to change several at once.";

/** The users page while its first page loads: heading, the four filters, the table. */
export function UsersListSkeleton() {
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Users" description={USERS_DESCRIPTION} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr]">
        <Skeletons count={4} className="h-16 rounded-md" />
      </div>
      <UsersTableSkeleton />
    </div>
  );
}
