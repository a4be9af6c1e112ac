"use client";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { SecondFactorField, type SecondFactorMethod } from "@/components/mfa/second-factor-field";
import { signInSecondFactorAction, type SecondFactorState } from "@/lib/actions/auth/sign-in";
import type { SecondFactorMethods } from "@/lib/auth/sign-in";
import { failureOf } from "@/lib/types/action-result";
import { PasskeyButton } from "./passkey-button";

interface SecondFactorFormProps {
  challenge: string;
  /** What the account has: an authenticator app (and recovery codes), passkeys, or both. */
  methods: SecondFactorMethods;
  callbackUrl: string;
  /** Back to the password step (the challenge expired, or the person chose to). */
  onRestart: () => void;
}

/**
 * The sign-in's second step: one of the account's passkeys, or the authenticator's six digits,
 * or one recovery code instead. A wrong code keeps what was typed in the field and says so on it.
 */
export function SecondFactorForm({ challenge, methods, callbackUrl, onRestart }: SecondFactorFormProps) {
  const [state, formAction, pending] = useActionState<SecondFactorState, FormData>(signInSecondFactorAction, {});
  const [method, setMethod] = useState<SecondFactorMethod>("totp");
  const [code, setCode] = useState("");
  const [expired, setExpired] = useState(false);
  const failed = failureOf(state);

  if (expired || (state.ok && state.data.expired)) {
    return (
      <div className="mt-6 flex flex-col gap-4">
        <Alert tone="warning">This sign-in has expired. Enter your email and password again.</Alert>
        <Button onClick={onRestart}>Start again</Button>
      </div>
    );
  }

  const passkey = methods.passkey ? (
    <PasskeyButton callbackUrl={callbackUrl} challenge={challenge} label="Use a passkey" variant={methods.totp ? "secondary" : "primary"} onExpired={() => setExpired(true)} />
  ) : null;
  const restart = (
    <button type="button" className="self-start text-sm font-medium text-link underline hover:no-underline" onClick={onRestart}>
      Sign in with another account
    </button>
  );

  if (!methods.totp) {
    return (
      <div className="mt-6 flex flex-col gap-4">
        <p className="text-sm text-soft">Confirm it is you with one of your passkeys.</p>
        {passkey}
        {restart}
      </div>
    );
  }

  return (
    <form action={formAction} className="mt-6 flex flex-col gap-4" noValidate>
      <input type="hidden" name="challenge" value={challenge} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <input type="hidden" name="method" value={method} />
      <Alert tone="error">{failed && !failed.fieldErrors?.code ? failed.error : null}</Alert>
      <SecondFactorField method={method} onMethodChange={setMethod} code={code} onCodeChange={setCode} errors={failed?.fieldErrors?.code} autoFocus />
      <SubmitButton pending={pending} pendingLabel="Checking…">
        Verify
      </SubmitButton>
      {passkey}
      {restart}
    </form>
  );
}
