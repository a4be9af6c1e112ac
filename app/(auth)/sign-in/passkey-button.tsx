"use client";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { browserPasskeyError } from "@/components/passkeys/browser-errors";
import { passkeySignInOptionsAction, signInWithPasskeyAction } from "@/lib/actions/auth/sign-in";
import { callAction, messageOf } from "@/lib/types/action-result";

interface PasskeyButtonProps {
  callbackUrl: string;
  /** The password step's challenge: the passkey is the second step. Without it, a passwordless sign-in. */
  challenge?: string;
  label: string;
  variant?: "primary" | "secondary";
  /** The password step's challenge is gone: start again. */
  onExpired?: () => void;
}

/**
 * Signs in with a passkey: the server's options, the browser's passkey dialog, the answer back
 * to the server, which redirects when it signs the person in. @simplewebauthn/browser is
 * imported on the click, so the sign-in page does not carry it.
 */
export function PasskeyButton({ callbackUrl, challenge, label, variant = "secondary", onExpired }: PasskeyButtonProps) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();

  async function run() {
    if (pending) return;
    setPending(true);
    setError(undefined);
    try {
      const issued = await callAction(() => passkeySignInOptionsAction({ challenge }));
      if ("expired" in issued) return onExpired?.();
      const { startAuthentication } = await import("@simplewebauthn/browser");
      let response;
      try {
        response = await startAuthentication({ optionsJSON: issued.options });
      } catch (failure) {
        setError(browserPasskeyError(failure, "get"));
        return;
      }
      const result = await callAction(() => signInWithPasskeyAction({ response: JSON.stringify(response), challenge, callbackUrl }));
      if (result.expired) onExpired?.();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col gap-3">
      <Alert tone="error">{error}</Alert>
      <Button variant={variant} onClick={() => void run()} disabled={pending}>
        {pending ? "Waiting for your passkey…" : label}
      </Button>
    </div>
  );
}
