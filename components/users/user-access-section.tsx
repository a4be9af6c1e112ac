"use client";
import { useEffect, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { User } from "@/lib/validation/users";
import { userStatus } from "@/lib/users/status";
import { type Delivery, InviteLink } from "./invite-link";

interface UserAccessSectionProps {
  /** The version the page's changes are based on. */
  user: User;
  isSelf: boolean;
  canDeactivate: boolean;
  hydrated: boolean;
  error: string | null;
  issued: { inviteUrl: string; expiresAt: string; emailed?: Delivery; kind: "reset" | "invite" } | null;
  /** A change from this card is under way. */
  pending: boolean;
  onIssueLink: () => void;
  onResendInvite: () => void;
  onChangeStatus: () => void;
}

/** The user page's Access card: a fresh password link and deactivate / reactivate (confirmed by the editor around it). */
export function UserAccessSection({ user, isSelf, canDeactivate, hydrated, error, issued, pending, onIssueLink, onResendInvite, onChangeStatus }: UserAccessSectionProps) {
  const invited = userStatus(user) === "invited";
  const resultRef = useRef<HTMLParagraphElement>(null);
  // The button that was pressed stays, but the outcome is below it: focus moves there, a frame
  // later, after a confirmation that closes in the same render has handed focus back to its opener.
  useEffect(() => {
    if (!issued || pending) return;
    const frame = requestAnimationFrame(() => resultRef.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [issued, pending]);
  const link = issued ? (
    <div className="mt-3 flex flex-col gap-2">
      <p ref={resultRef} tabIndex={-1} role="status" className="text-sm font-medium text-success-ink outline-indigo-600 focus-visible:outline-2">
        {issued.kind === "invite" ? "A new invitation is ready; the earlier link no longer works." : "A new password link is ready; any earlier link no longer works."}
      </p>
      <InviteLink url={issued.inviteUrl} expiresAt={issued.expiresAt} email={user.email} emailed={issued.emailed} />
    </div>
  ) : null;
  return (
    <section aria-labelledby="access-heading" className="rounded-xl border border-subtle bg-surface p-6">
      <h2 id="access-heading" className="text-lg font-medium">
        Access
      </h2>
      <Alert tone="error" className="mt-3">
        {error}
      </Alert>
      <div className="mt-3 flex flex-col gap-4">
        <div>
          <h3 className="text-sm font-medium">Password</h3>
          {invited ? (
            <>
              <p className="mt-1 text-sm text-muted">
                Invited, and has not set a password yet. A new invitation replaces the earlier link, which stops working.
              </p>
              <Button className="mt-2" variant="secondary" disabled={!hydrated || pending} aria-busy={pending || undefined} onClick={onResendInvite}>
                {pending ? "Sending…" : "Resend invite"}
              </Button>
              {link}
            </>
          ) : user.isActive ? (
            <>
              <p className="mt-1 text-sm text-muted">A new one-time link lets them choose a new password. Any earlier link stops working.</p>
              <Button className="mt-2" variant="secondary" disabled={!hydrated} onClick={onIssueLink}>
                Issue password link
              </Button>
              {link}
            </>
          ) : (
            <p className="mt-1 text-sm text-muted">Reactivate this user to issue a password link.</p>
          )}
        </div>
        <div>
          <h3 className="text-sm font-medium">Status</h3>
          {canDeactivate ? (
            <>
              <p className="mt-1 text-sm text-muted">
                {user.isActive
                  ? "A deactivated user is signed out on their next request and cannot sign in. Nothing is deleted."
                  : "This user is deactivated. Reactivating lets them sign in again with their existing password."}
              </p>
              <Button className="mt-2" variant={user.isActive ? "danger" : "secondary"} disabled={!hydrated} onClick={onChangeStatus}>
                {user.isActive ? "Deactivate user" : "Reactivate user"}
              </Button>
            </>
          ) : (
            <p className="mt-1 text-sm text-muted">{isSelf ? "You cannot deactivate your own account." : "You may not change this user's status."}</p>
          )}
        </div>
      </div>
    </section>
  );
}
