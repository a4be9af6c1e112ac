import { sessionViews } from "@/lib/sessions/session-views";
import { SessionList } from "./session-list";

/** The sessions part of a user's detail page, for viewers who may manage them. */
export async function UserSessionsSection({ userId, name, currentSessionId }: { userId: string; name: string; currentSessionId: string | null }) {
  const sessions = await sessionViews(userId, currentSessionId);
  // Viewing oneself: the list marks this browser, and "sign out" spares it.
  const own = sessions.some((s) => s.current);
  return (
    <section aria-labelledby="sessions-heading" className="rounded-xl border border-subtle bg-surface p-6">
      <h2 id="sessions-heading" className="text-lg font-medium">
        Sessions
      </h2>
      <p className="mb-4 mt-1 text-sm text-muted">Where this account is signed in now.</p>
      <SessionList userId={userId} sessions={sessions} own={own} name={name} />
    </section>
  );
}
