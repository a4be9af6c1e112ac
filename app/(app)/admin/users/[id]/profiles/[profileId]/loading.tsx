import { ProfileEditorSkeleton } from "@/components/profiles/profiles-skeleton";

export default function Loading() {
  return <ProfileEditorSkeleton />;
}
