"use client";
import Link from "next/link";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { forgotPasswordAction, type ForgotPasswordState } from "@/lib/actions/auth/forgot-password";
import { failureOf } from "@/lib/types/action-result";

const LINK = "text-sm font-medium text-link underline hover:no-underline";

export function ForgotPasswordForm({ linkMinutes }: { linkMinutes: number }) {
  const [state, formAction, pending] = useActionState<ForgotPasswordState, FormData>(forgotPasswordAction, {});
  const failed = failureOf(state);
  if (state.ok) {
    return (
      <div className="mt-6 flex flex-col gap-4">
        <Alert tone="success">
          If an account exists for <span className="font-medium break-all">{state.data.email}</span>, we have sent it a link to choose a new password. The
          link works once and expires in {linkMinutes} minutes.
        </Alert>
        <Link href="/sign-in" className={LINK}>
          Back to sign in
        </Link>
      </div>
    );
  }
  return (
    <form action={formAction} className="mt-6 flex flex-col gap-4" noValidate>
      <Alert tone="error">{failed?.error}</Alert>
      <TextField label="Email" name="email" type="email" autoComplete="username" required defaultValue={state.values?.email} errors={failed?.fieldErrors?.email} />
      <SubmitButton pending={pending} pendingLabel="Sending…">
        Send reset link
      </SubmitButton>
      <Link href="/sign-in" className={LINK}>
        Back to sign in
      </Link>
    </form>
  );
}
