import { TimelineSkeleton } from "@/components/audit/timeline-skeleton";

export default function Loading() {
  return <TimelineSkeleton title="Audit log" />;
}
