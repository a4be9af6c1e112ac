"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useId, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { cn } from "@/components/ui/cn";
import { placeServerErrors } from "@/components/ui/server-errors";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { setPasswordAction } from "@/lib/actions/auth/set-password";
import { callAction } from "@/lib/types/action-result";
import { PASSWORD_RULES } from "@/lib/validation/password";
import { setPasswordSchema } from "@/lib/validation/users";
import { SummaryForm } from "./user-form";

type Input = z.input<typeof setPasswordSchema>;
type Output = z.output<typeof setPasswordSchema>;

const FIELDS = [
  { name: "password", id: "set-password-password" },
  { name: "confirm", id: "set-password-confirm" },
] as const;

/** The invitee's password, with the rules ticked off as they type; success signs them in. */
export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  const rulesId = useId();
  const { register, handleSubmit, setError, control, formState } = useForm<Input, unknown, Output>({
    resolver: zodResolver(setPasswordSchema),
    defaultValues: { token, password: "", confirm: "" },
  });
  const password = useWatch({ control, name: "password" }) ?? "";
  const [serverError, setServerError] = useState<string | null>(null);
  const [signingIn, setSigningIn] = useState(false);
  const doneRef = useRef<HTMLParagraphElement>(null);
  // The outcome, while the redirect signs them in: focus moves to it from the button.
  useEffect(() => {
    if (signingIn) doneRef.current?.focus();
  }, [signingIn]);

  const onSubmit = handleSubmit(async (values) => {
    setServerError(null);
    try {
      // Success redirects (Next follows the action's redirect): nothing comes back then.
      await callAction(async () => (await setPasswordAction(values)) ?? { ok: true, data: undefined });
      setSigningIn(true);
    } catch (error) {
      setServerError(placeServerErrors<Input>(error, ["password", "confirm"], setError));
    }
  });

  const passwordError = formState.errors.password?.message;
  const busy = formState.isSubmitting || signingIn;
  return (
    <SummaryForm
      onSubmit={onSubmit}
      className="mt-6 flex flex-col gap-4"
      message={serverError}
      errors={formState.errors}
      submitted={formState.isSubmitted}
      fields={FIELDS}
    >
      {/* For password managers: which account the new password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        id={FIELDS[0].id}
        label="New password"
        type="password"
        autoComplete="new-password"
        errors={passwordError}
        aria-describedby={[rulesId, passwordError ? `${FIELDS[0].id}-error` : null].filter(Boolean).join(" ")}
        {...register("password")}
      />
      <ul id={rulesId} aria-label="Password rules" className="-mt-2 flex flex-col gap-1 text-sm">
        {PASSWORD_RULES.map((rule) => {
          const met = rule.test(password);
          return (
            <li key={rule.id} className={cn("flex items-center gap-2", met ? "text-success" : "text-soft")}>
              <span aria-hidden="true" className="inline-block w-4 text-center font-bold">
                {met ? "✓" : "○"}
              </span>
              <span>
                {rule.label}
                <span className="sr-only">{met ? " (met)" : " (not met yet)"}</span>
              </span>
            </li>
          );
        })}
      </ul>
      <TextField
        id={FIELDS[1].id}
        label="Confirm password"
        type="password"
        autoComplete="new-password"
        errors={formState.errors.confirm?.message}
        {...register("confirm")}
      />
      {signingIn ? (
        <p ref={doneRef} tabIndex={-1} role="status" className="rounded-md border border-success-line bg-success-soft px-4 py-2 text-sm font-medium text-success-ink outline-indigo-600 focus-visible:outline-2">
          Your password is set. Signing you in…
        </p>
      ) : null}
      <SubmitButton pending={busy} pendingLabel={signingIn ? "Signing you in…" : "Setting password…"} waitForHydration>
        Set password and sign in
      </SubmitButton>
    </SummaryForm>
  );
}
