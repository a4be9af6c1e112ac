"use client";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { InviteLink } from "./invite-link";
import type { ResentInvite } from "./use-users-list";

/** The new invitation a row's "Resend invite" made: its link (and whether it was emailed), focused when it appears. */
export function ResentInvitePanel({ resent, onDismiss }: { resent: ResentInvite; onDismiss: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      aria-labelledby="resent-invite-heading"
      className="flex flex-col gap-3 rounded-xl border border-success-line bg-surface px-4 py-3 text-sm text-fg outline-indigo-600 focus-visible:outline-2"
    >
      <div className="flex items-start justify-between gap-4">
        <p id="resent-invite-heading" className="font-medium">
          A new invitation for <bdi>{resent.user.name}</bdi> is ready; the earlier link no longer works.
        </p>
        <Button variant="ghost" className="-my-1 px-2 py-1 text-xs" onClick={onDismiss}>
          Dismiss
        </Button>
      </div>
      <InviteLink url={resent.inviteUrl} expiresAt={resent.expiresAt} email={resent.user.email} emailed={resent.emailed} />
    </div>
  );
}
