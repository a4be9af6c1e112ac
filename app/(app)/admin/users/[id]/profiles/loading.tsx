import { ProfileCardsSkeleton } from "@/components/profiles/profiles-skeleton";

export default function Loading() {
  return <ProfileCardsSkeleton />;
}
