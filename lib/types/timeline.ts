// What a timeline is asked for and what the browser receives: shared by the timeline read
// (lib/audit/timeline.ts, server-only), its actions, and the components that render it.
import type { AuditAction, AuditGroup } from "@/lib/audit/catalogue";

export interface TimelineFilter {
  actorId?: string;
  targetUserId?: string;
  actions?: AuditAction[];
  /** Inclusive ISO bounds. */
  from?: string;
  to?: string;
}

/** Whose timeline: everything the viewer may see, or one user's (by them and done to them). */
export type TimelineSubject = { kind: "all" } | { kind: "user"; userId: string };

export interface TimelineEntryView {
  id: string;
  action: string;
  group: AuditGroup | null;
  sentence: string;
  timestamp: string;
  /** `avatar`: /api/avatars link of their default profile's avatar (lib/users/avatar-path.ts), null for initials. */
  actor: { id: string; name: string | null; avatar?: string | null };
  target: { id: string; name: string | null } | null;
  /** Normalised for reading (lib/audit/ip-address.ts); as recorded in `technical`. */
  ipAddress: string | null;
  device: string | null;
  details: Record<string, unknown>;
  /** What an investigation may need and a reader does not: shown behind "Details". */
  technical: { ipAddress: string | null; userAgent: string | null; hmac: string | null };
}

export interface TimelineViewPage {
  entries: TimelineEntryView[];
  nextCursor: string | null;
}
