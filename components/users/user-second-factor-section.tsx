"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { StatusBadge } from "@/components/ui/status-badge";
import { resetSecondFactorAction } from "@/lib/actions/users/reset-second-factor";
import { callAction, messageOf } from "@/lib/types/action-result";

/** On a user's page, for admins: whether they have two-factor authentication, and resetting it. */
export function UserSecondFactorSection({ userId, name, enrolled }: { userId: string; name: string; enrolled: boolean }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function reset() {
    setPending(true);
    setError(null);
    try {
      await callAction(() => resetSecondFactorAction({ id: userId }));
      toast.success(`${name}'s two-factor authentication was reset.`);
      router.refresh();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setPending(false);
      setConfirming(false);
    }
  }

  return (
    <section aria-labelledby="second-factor-heading" className="flex flex-col gap-3 rounded-xl border border-subtle bg-surface p-6">
      <div className="flex items-center gap-3">
        <h2 id="second-factor-heading" className="text-lg font-medium">
          Two-factor authentication
        </h2>
        <StatusBadge tone={enrolled ? "success" : "neutral"}>{enrolled ? "On" : "Off"}</StatusBadge>
      </div>
      <Alert tone="error">{error}</Alert>
      {enrolled ? (
        <>
          <p className="text-sm text-muted">If {name} lost their authenticator and their recovery codes, resetting lets them sign in with their password alone and set it up again.</p>
          <div>
            <Button variant="danger" onClick={() => setConfirming(true)}>
              Reset second factor
            </Button>
          </div>
        </>
      ) : (
        <p className="text-sm text-muted">{name} signs in with a password only.</p>
      )}
      <ConfirmDialog open={confirming} title={`Reset ${name}'s second factor?`} confirmLabel="Reset" destructive pending={pending} onConfirm={reset} onCancel={() => setConfirming(false)}>
        Their authenticator app and recovery codes stop working, and they are signed out everywhere. Make sure it is really them asking.
      </ConfirmDialog>
    </section>
  );
}
