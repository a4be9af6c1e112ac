import { TimelineSkeleton } from "@/components/audit/timeline-skeleton";

export default function Loading() {
  return <TimelineSkeleton title="Activity" />;
}
