"use client";
import { useActionState } from "react";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { signInAction, type SignInState } from "@/lib/actions/auth/sign-in";
import { failureOf } from "@/lib/types/action-result";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInAction, {});
  const failed = failureOf(state);
  return (
    <form action={formAction} className="mt-6 flex flex-col gap-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Alert tone="error">{failed?.error}</Alert>
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        required
        defaultValue={state.values?.email}
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
  );
}
