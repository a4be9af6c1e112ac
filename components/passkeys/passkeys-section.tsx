"use client";
import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { formatUtc } from "@/components/ui/format-date";
import { StatusBadge } from "@/components/ui/status-badge";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { finishPasskeyRegistrationAction, removePasskeyAction, startPasskeyRegistrationAction } from "@/lib/actions/auth/passkey-actions";
import { ActionError, callAction, messageOf } from "@/lib/types/action-result";
import { newPasskeySchema } from "@/lib/validation/passkeys";
import { browserPasskeyError } from "./browser-errors";

export interface PasskeyRow {
  credentialId: string;
  name: string;
  passwordless: boolean;
  createdAt: string;
  lastUsedAt?: string;
}

/** The signed-in person's passkeys: the list, adding one (named, optionally for passwordless sign-in), removing one after a confirmation. */
export function PasskeysSection({ passkeys, max }: { passkeys: PasskeyRow[]; max: number }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4 rounded-xl border border-subtle bg-surface p-6">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id={headingId} className="text-lg font-semibold">
          Passkeys
        </h2>
        <StatusBadge tone={passkeys.length ? "success" : "neutral"}>{passkeys.length ? `${passkeys.length} added` : "None"}</StatusBadge>
      </div>
      <p className="text-sm text-soft">
        A passkey lets your device confirm it is you with your fingerprint, face, PIN or security key. Any passkey can replace the code after your password; one you choose
        for it can sign you in without your password.
      </p>
      {passkeys.length ? <PasskeyList passkeys={passkeys} /> : null}
      {passkeys.length < max ? <AddPasskey /> : <p className="text-sm text-muted">You have {max} passkeys, the most an account may have.</p>}
    </section>
  );
}

function PasskeyList({ passkeys }: { passkeys: PasskeyRow[] }) {
  const router = useRouter();
  const [removing, setRemoving] = useState<PasskeyRow | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();

  async function remove() {
    if (!removing || pending) return;
    setPending(true);
    setError(undefined);
    try {
      await callAction(() => removePasskeyAction({ credentialId: removing.credentialId }));
      toast.success(`Removed the passkey “${removing.name}”.`);
      setRemoving(null);
      router.refresh();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <ul className="flex flex-col divide-y divide-subtle rounded-lg border border-subtle" aria-label="Your passkeys">
        {passkeys.map((p) => (
          <li key={p.credentialId} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
            <div className="flex min-w-0 flex-col gap-1">
              <p className="flex flex-wrap items-center gap-2 font-medium">
                <span className="break-all">{p.name}</span>
                {p.passwordless ? <StatusBadge tone="accent">Passwordless sign-in</StatusBadge> : null}
              </p>
              <p className="text-sm text-soft">
                Added <time dateTime={p.createdAt}>{formatUtc(p.createdAt)}</time> · Last used{" "}
                {p.lastUsedAt ? <time dateTime={p.lastUsedAt}>{formatUtc(p.lastUsedAt)}</time> : "never"}
              </p>
            </div>
            <Button variant="danger-ghost" onClick={() => setRemoving(p)} aria-label={`Remove the passkey ${p.name}`}>
              Remove
            </Button>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={removing !== null}
        title="Remove this passkey?"
        confirmLabel="Remove passkey"
        destructive
        pending={pending}
        onConfirm={() => void remove()}
        onCancel={() => {
          setRemoving(null);
          setError(undefined);
        }}
      >
        <p>“{removing?.name}” will no longer sign you in. Remove it from the device too if you no longer want it there.</p>
        <Alert tone="error" className="mt-3">
          {error}
        </Alert>
      </ConfirmDialog>
    </>
  );
}

function AddPasskey() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [passwordless, setPasswordless] = useState(false);
  const [errors, setErrors] = useState<{ name?: string[]; form?: string }>({});
  const [pending, setPending] = useState(false);

  if (!open) {
    return (
      <div>
        <Button variant="secondary" onClick={() => setOpen(true)}>
          Add a passkey
        </Button>
      </div>
    );
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const parsed = newPasskeySchema.safeParse({ name, passwordless });
    if (!parsed.success) {
      setErrors({ name: parsed.error.issues.map((i) => i.message) });
      return;
    }
    setPending(true);
    setErrors({});
    try {
      const { options } = await callAction(() => startPasskeyRegistrationAction(parsed.data));
      // The WebAuthn code loads here, on the click, not with the page.
      const { startRegistration } = await import("@simplewebauthn/browser");
      let response;
      try {
        response = await startRegistration({ optionsJSON: options });
      } catch (error) {
        setErrors({ form: browserPasskeyError(error, "create") });
        return;
      }
      await callAction(() => finishPasskeyRegistrationAction({ ...parsed.data, response }));
      toast.success(`Added the passkey “${parsed.data.name}”.`);
      setOpen(false);
      setName("");
      setPasswordless(false);
      router.refresh();
    } catch (failure) {
      // What was typed stays; the message goes on the name when it is about the name.
      if (failure instanceof ActionError && failure.fieldErrors.name) setErrors({ name: failure.fieldErrors.name });
      else setErrors({ form: messageOf(failure) });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={add} className="flex flex-col gap-4" noValidate>
      <TextField
        label="Passkey name"
        hint="So you can tell your passkeys apart, such as “Work laptop” or “Phone”."
        name="name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        maxLength={60}
        required
        autoFocus
        errors={errors.name}
        className="max-w-sm"
      />
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="passwordless" checked={passwordless} onChange={(event) => setPasswordless(event.target.checked)} className="mt-0.5 size-4 accent-indigo-600" />
        <span>
          Also use it to sign in without a password
          <span className="block text-soft">Your device must confirm it is you (fingerprint, face or PIN) every time.</span>
        </span>
      </label>
      <Alert tone="error">{errors.form}</Alert>
      <div className="flex gap-3">
        <SubmitButton pending={pending} pendingLabel="Waiting for your device…">
          Create passkey
        </SubmitButton>
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() => {
            setOpen(false);
            setErrors({});
          }}
        >
          Cancel
        </Button>
      </div>
    </form>
  );
}
