// Inputs of the session actions and the session as the browser sees it (no secrets: the id is
// a hash of the cookie's secret, useful only to name the session to revoke).
import { z } from "zod";

const userId = z.uuid("Unknown user.");
/** lib/db/sessions.ts keys sessions by a hex SHA-256. */
const sessionId = z.string().regex(/^[0-9a-f]{64}$/, "Unknown session.");

export const revokeSessionSchema = z.object({ userId, sessionId });
export const revokeAllSessionsSchema = z.object({ userId });

export interface SessionView {
  id: string;
  /** "Chrome 131 on macOS 14.2", or null when the agent says nothing recognisable. */
  device: string | null;
  ipAddress: string | null;
  createdAt: string;
  lastSeenAt: string;
  /** The session this page was loaded with. */
  current: boolean;
}
