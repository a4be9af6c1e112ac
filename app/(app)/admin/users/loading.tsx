import { UsersTableSkeleton } from "@/components/users/users-table";

export default function Loading() {
  return <UsersTableSkeleton />;
}
