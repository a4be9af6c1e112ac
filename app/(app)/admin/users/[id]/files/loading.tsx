import { FilesPageSkeleton } from "@/components/files/files-skeleton";

export default function Loading() {
  return <FilesPageSkeleton />;
}
