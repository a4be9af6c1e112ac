"use client";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { SecondFactorField, type SecondFactorMethod } from "@/components/mfa/second-factor-field";
import { signInSecondFactorAction, type SecondFactorState } from "@/lib/actions/auth/sign-in";
import { failureOf } from "@/lib/types/action-result";

interface SecondFactorFormProps {
  challenge: string;
  callbackUrl: string;
  /** Back to the password step (the challenge expired, or the person chose to). */
  onRestart: () => void;
}

/**
 * The sign-in's second step: the authenticator's six digits, or one recovery code instead.
 * A wrong code keeps what was typed in the field and says so on it.
 */
export function SecondFactorForm({ challenge, callbackUrl, onRestart }: SecondFactorFormProps) {
  const [state, formAction, pending] = useActionState<SecondFactorState, FormData>(signInSecondFactorAction, {});
  const [method, setMethod] = useState<SecondFactorMethod>("totp");
  const [code, setCode] = useState("");
  const failed = failureOf(state);

  if (state.ok && state.data.expired) {
    return (
      <div className="mt-6 flex flex-col gap-4">
        <Alert tone="warning">This sign-in has expired. Enter your email and password again.</Alert>
        <Button onClick={onRestart}>Start again</Button>
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
      <button type="button" className="self-start text-sm font-medium text-link underline hover:no-underline" onClick={onRestart}>
        Sign in with another account
      </button>
    </form>
  );
}
