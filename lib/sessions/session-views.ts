import "server-only";
import { describeUserAgent } from "@/lib/audit/user-agent";
import { listSessions } from "@/lib/db/sessions";
import type { SessionView } from "@/lib/validation/sessions";

/** A user's live sessions as the sessions list shows them, the viewer's own marked. */
export async function sessionViews(userId: string, currentSessionId: string | null): Promise<SessionView[]> {
  const sessions = await listSessions(userId);
  return sessions.map((s) => ({
    id: s.id,
    device: describeUserAgent(s.userAgent),
    ipAddress: s.ipAddress ?? null,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    current: s.id === currentSessionId,
  }));
}
