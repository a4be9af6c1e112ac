"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { formatUtc } from "@/components/ui/format-date";
import { StatusBadge } from "@/components/ui/status-badge";
import { revokeAllSessionsAction, revokeSessionAction } from "@/lib/actions/sessions/session-actions";
import type { SessionView } from "@/lib/validation/sessions";
import { callAction, messageOf } from "@/lib/types/action-result";

type Pending = { kind: "one"; session: SessionView } | { kind: "all" } | null;

interface SessionListProps {
  userId: string;
  sessions: SessionView[];
  /** Whose sessions: the viewer's own ("other sessions") or someone they manage ("everywhere"). */
  own: boolean;
  /** For headings and confirmations about someone else, e.g. "Avery User". */
  name: string;
}


/**
 * A user's active sessions with device, address and times; one can be ended, or all the
 * others (for oneself) or all of them (for a user one manages). Each asks first.
 */
export function SessionList({ userId, sessions, own, name }: SessionListProps) {
  const router = useRouter();
  const [confirming, setConfirming] = useState<Pending>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const others = sessions.filter((s) => !s.current);

  async function run() {
    if (!confirming) return;
    setPending(true);
    setError(null);
    try {
      const { revoked: count } = await callAction(() =>
        confirming.kind === "one" ? revokeSessionAction({ userId, sessionId: confirming.session.id }) : revokeAllSessionsAction({ userId }),
      );
      toast.success(confirming.kind === "one" ? "The session was ended." : `${count} ${count === 1 ? "session was" : "sessions were"} ended.`);
      router.refresh();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setPending(false);
      setConfirming(null);
    }
  }

  const allLabel = own ? "Sign out of all other sessions" : "Sign out everywhere";
  return (
    <div className="flex flex-col gap-4">
      <Alert tone="error">{error}</Alert>
      {sessions.length === 0 ? (
        <EmptyState compact description={own ? "No other active sessions." : `${name} is not signed in anywhere.`} />
      ) : (
        <ul aria-label={own ? "Your sessions" : `Sessions of ${name}`} className="divide-y divide-subtle rounded-lg border border-subtle">
          {sessions.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
              <div className="min-w-0 text-sm">
                <p className="font-medium text-fg">
                  {s.device ?? "Unknown browser"}
                  {s.current ? (
                    <StatusBadge tone="success" className="ml-2">
                      This browser
                    </StatusBadge>
                  ) : null}
                </p>
                <p className="mt-0.5 text-muted">
                  {s.ipAddress ?? "Unknown address"} · signed in <time dateTime={s.createdAt}>{formatUtc(s.createdAt)}</time> · last active{" "}
                  <time dateTime={s.lastSeenAt}>{formatUtc(s.lastSeenAt)}</time>
                </p>
              </div>
              {s.current ? null : (
                <Button variant="secondary" onClick={() => setConfirming({ kind: "one", session: s })} aria-label={`End session: ${s.device ?? "Unknown browser"}, ${s.ipAddress ?? "unknown address"}`}>
                  End session
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {(own ? others.length : sessions.length) > 0 ? (
        <div>
          <Button variant="danger" onClick={() => setConfirming({ kind: "all" })}>
            {allLabel}
          </Button>
        </div>
      ) : null}
      <ConfirmDialog
        open={confirming !== null}
        title={confirming?.kind === "one" ? "End this session?" : `${allLabel}?`}
        confirmLabel={confirming?.kind === "one" ? "End session" : "Sign out"}
        destructive
        pending={pending}
        onConfirm={run}
        onCancel={() => setConfirming(null)}
      >
        {confirming?.kind === "one"
          ? `${confirming.session.device ?? "That browser"} will be signed out on its next request.`
          : own
            ? "Every other browser and device signed in to your account is signed out on its next request. This one stays signed in."
            : `${name} is signed out on every browser and device on the next request.`}
      </ConfirmDialog>
    </div>
  );
}
