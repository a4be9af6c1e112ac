// Every React Query key of the app, so a mutation can invalidate exactly what it changed.
import type { FileFilter } from "@/lib/validation/file-filter";
import type { TimelineFilterInput, TimelineSubjectInput } from "@/lib/validation/audit";
import type { UserFilter } from "@/lib/validation/users";

export const queryKeys = {
  users: {
    all: ["users"] as const,
    lists: () => ["users", "list"] as const,
    list: (filter: UserFilter, cursor: string | null) => ["users", "list", filter, cursor] as const,
    counts: () => ["users", "count"] as const,
    count: (filter: UserFilter) => ["users", "count", filter] as const,
    details: () => ["users", "detail"] as const,
    detail: (id: string) => ["users", "detail", id] as const,
  },
  files: {
    all: ["files"] as const,
    lists: () => ["files", "list"] as const,
    /** `ownerId` is the user whose files are listed (the viewer's own on /files). */
    list: (ownerId: string, filter: FileFilter) => ["files", "list", ownerId, filter] as const,
  },
  audit: {
    all: ["audit"] as const,
    timelines: () => ["audit", "timeline"] as const,
    timeline: (subject: TimelineSubjectInput, filter: TimelineFilterInput) => ["audit", "timeline", subject, filter] as const,
    newer: (subject: TimelineSubjectInput, filter: TimelineFilterInput, since: string) => ["audit", "newer", subject, filter, since] as const,
    /** The audit page's actor and target pickers. */
    people: (role: "actor" | "target", q: string) => ["audit", "people", role, q] as const,
  },
};
