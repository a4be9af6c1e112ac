"use client";
import { useActionState, useState } from "react";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { signInAction, type SignInState } from "@/lib/actions/auth/sign-in";
import { failureOf } from "@/lib/types/action-result";
import { PasskeyButton } from "./passkey-button";
import { SecondFactorForm } from "./second-factor-form";

/** Both steps of signing in: the password, then, for an account with two-factor authentication, the code. */
export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  // A new attempt remounts the password step with a fresh state (keeping the email typed).
  const [attempt, setAttempt] = useState(0);
  const [email, setEmail] = useState<string | undefined>();
  return (
    <PasswordStep
      key={attempt}
      callbackUrl={callbackUrl}
      email={email}
      onRestart={(typed) => {
        setEmail(typed);
        setAttempt((n) => n + 1);
      }}
    />
  );
}

function PasswordStep({ callbackUrl, email, onRestart }: { callbackUrl: string; email?: string; onRestart: (email?: string) => void }) {
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInAction, {});
  const failed = failureOf(state);
  if (state.ok) return <SecondFactorForm challenge={state.data.challenge} methods={state.data.methods} callbackUrl={callbackUrl} onRestart={() => onRestart(state.values?.email)} />;
  return (
    <>
      <form action={formAction} className="mt-6 flex flex-col gap-4" noValidate>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <Alert tone="error">{failed?.error}</Alert>
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.values?.email ?? email}
          errors={failed?.fieldErrors?.email}
        />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required errors={failed?.fieldErrors?.password} />
        <Link href="/forgot-password" className="-mt-2 self-end text-sm font-medium text-link underline hover:no-underline">
          Forgot password?
        </Link>
        <SubmitButton pending={pending} pendingLabel="Signing in…">
          Sign in
        </SubmitButton>
      </form>
      {/* "Continue with", as the SSO buttons: the password form's button alone is named "Sign in". */}
      <div className="mt-6 border-t border-control pt-6">
        <PasskeyButton callbackUrl={callbackUrl} label="Continue with a passkey" />
      </div>
    </>
  );
}
