import { UsersListSkeleton } from "@/components/users/users-list-skeleton";

export default function Loading() {
  return <UsersListSkeleton />;
}
