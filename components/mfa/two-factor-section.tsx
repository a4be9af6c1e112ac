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
import { confirmTotpEnrolmentAction, disableTwoFactorAction, regenerateRecoveryCodesAction } from "@/lib/actions/auth/mfa-actions";
import { ActionError, callAction, messageOf } from "@/lib/types/action-result";
import { RecoveryCodes } from "./recovery-codes";
import { SecondFactorField, type SecondFactorMethod } from "./second-factor-field";

export interface TwoFactorStatus {
  enrolledAt: string;
  recoveryCodesLeft: number;
}

/** What the server prepared for enrolling: a sealed pending secret, its QR code and its groups. */
export interface Enrolment {
  enrolment: string;
  qrCode: string;
  secretGroups: string[];
}

interface TwoFactorSectionProps {
  status: TwoFactorStatus | null;
  /** Present while two-factor authentication is off. */
  enrolment: Enrolment | null;
  /** The person's role must have it (MFA_REQUIRED_ROLES): it cannot be turned off. */
  required: boolean;
}

/** A failure's message for the code field, or for the form when it is not about the code. */
function errorsOf(error: unknown): { field?: string[]; form?: string } {
  if (error instanceof ActionError && error.fieldErrors.code) return { field: error.fieldErrors.code };
  return { form: messageOf(error) };
}

/** Status, enrolment, new recovery codes and turning off, for the signed-in person's own account. */
export function TwoFactorSection({ status, enrolment, required }: TwoFactorSectionProps) {
  const router = useRouter();
  const headingId = useId();
  const [codes, setCodes] = useState<string[] | null>(null);

  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4 rounded-xl border border-subtle bg-surface p-6">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id={headingId} className="text-lg font-semibold">
          Two-factor authentication
        </h2>
        <StatusBadge tone={status ? "success" : "neutral"}>{status ? "On" : "Off"}</StatusBadge>
      </div>
      {codes ? (
        <RecoveryCodes
          codes={codes}
          onDone={() => {
            setCodes(null);
            router.refresh();
          }}
        />
      ) : status ? (
        <Enrolled status={status} required={required} onNewCodes={setCodes} />
      ) : enrolment ? (
        <Enrol enrolment={enrolment} onEnrolled={setCodes} />
      ) : null}
    </section>
  );
}

function Enrol({ enrolment, onEnrolled }: { enrolment: Enrolment; onEnrolled: (codes: string[]) => void }) {
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState("");
  const [errors, setErrors] = useState<{ field?: string[]; form?: string }>({});
  const [pending, setPending] = useState(false);

  if (!open) {
    return (
      <div className="flex flex-col items-start gap-3">
        <p className="text-sm text-soft">Protect your account with a code from an authenticator app on your phone, asked for after your password.</p>
        <Button onClick={() => setOpen(true)}>Set up two-factor authentication</Button>
      </div>
    );
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setErrors({});
    try {
      const { recoveryCodes } = await callAction(() => confirmTotpEnrolmentAction({ enrolment: enrolment.enrolment, code }));
      toast.success("Two-factor authentication is on.");
      onEnrolled(recoveryCodes);
    } catch (error) {
      setErrors(errorsOf(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={confirm} className="flex flex-col gap-4" noValidate>
      <ol className="flex list-decimal flex-col gap-4 pl-5 text-sm text-soft">
        <li>
          <p>Scan this QR code with an authenticator app (such as 1Password, Google Authenticator or Microsoft Authenticator).</p>
          {/* White behind the code in dark mode too: scanners need the contrast. */}
          {/* eslint-disable-next-line @next/next/no-img-element -- a data URL rendered on the server; next/image adds nothing */}
          <img src={enrolment.qrCode} alt="QR code to add Pre-Work to your authenticator app" width={176} height={176} className="mt-3 rounded-md bg-white p-2" />
          <p className="mt-3">Or type this key into the app:</p>
          <p className="mt-1 font-mono text-base tracking-wider text-fg" aria-label={`Setup key: ${enrolment.secretGroups.join(" ")}`}>
            {enrolment.secretGroups.map((group, i) => (
              <span key={i} className="mr-2 inline-block">
                {group}
              </span>
            ))}
          </p>
        </li>
        <li>
          <TextField
            label="Enter the 6-digit code the app shows"
            name="code"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            autoComplete="one-time-code"
            inputMode="numeric"
            pattern="[0-9 ]*"
            maxLength={7}
            required
            errors={errors.field}
            className="max-w-xs"
          />
        </li>
      </ol>
      <Alert tone="error">{errors.form}</Alert>
      <div className="flex gap-3">
        <SubmitButton pending={pending} pendingLabel="Turning on…">
          Turn on
        </SubmitButton>
        <Button variant="secondary" onClick={() => setOpen(false)} disabled={pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

type Change = "disable" | "regenerate";

function Enrolled({ status, required, onNewCodes }: { status: TwoFactorStatus; required: boolean; onNewCodes: (codes: string[]) => void }) {
  const router = useRouter();
  const [change, setChange] = useState<Change | null>(null);
  const [method, setMethod] = useState<SecondFactorMethod>("totp");
  const [code, setCode] = useState("");
  const [errors, setErrors] = useState<{ field?: string[]; form?: string }>({});
  const [pending, setPending] = useState(false);

  function close() {
    setChange(null);
    setErrors({});
    setCode("");
  }

  async function run(event?: FormEvent) {
    event?.preventDefault();
    if (!change || pending) return;
    setPending(true);
    setErrors({});
    try {
      const factor = { method, code };
      if (change === "disable") {
        await callAction(() => disableTwoFactorAction(factor));
        toast.success("Two-factor authentication is off.");
        close();
        router.refresh();
      } else {
        const { recoveryCodes } = await callAction(() => regenerateRecoveryCodesAction(factor));
        close();
        onNewCodes(recoveryCodes);
      }
    } catch (error) {
      // The dialog stays open with what was typed, the message on the field.
      setErrors(errorsOf(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-soft">
        On since <time dateTime={status.enrolledAt}>{formatUtc(status.enrolledAt)}</time>. Signing in asks for a code from your authenticator app after your password.{" "}
        {status.recoveryCodesLeft} of 10 recovery codes left.
      </p>
      {status.recoveryCodesLeft <= 3 ? <Alert tone="warning">You are running out of recovery codes. Make new ones and keep them safe.</Alert> : null}
      <div className="flex flex-wrap gap-3">
        <Button variant="secondary" onClick={() => setChange("regenerate")}>
          Make new recovery codes
        </Button>
        {required ? null : (
          <Button variant="danger" onClick={() => setChange("disable")}>
            Turn off two-factor authentication
          </Button>
        )}
      </div>
      {required ? <p className="text-sm text-muted">Your role requires two-factor authentication, so it stays on.</p> : null}
      <ConfirmDialog
        open={change !== null}
        title={change === "disable" ? "Turn off two-factor authentication?" : "Make new recovery codes?"}
        confirmLabel={change === "disable" ? "Turn off" : "Make new codes"}
        destructive={change === "disable"}
        pending={pending}
        onConfirm={() => void run()}
        onCancel={close}
      >
        <p>
          {change === "disable"
            ? "Signing in will need only your password. To confirm it is you, enter a current code or a recovery code."
            : "Your current recovery codes stop working. To confirm it is you, enter a current code or a recovery code."}
        </p>
        <form onSubmit={run} className="mt-4 flex flex-col gap-3" noValidate>
          <SecondFactorField method={method} onMethodChange={setMethod} code={code} onCodeChange={setCode} errors={errors.field} totpLabel="Code from your authenticator app" />
          <Alert tone="error">{errors.form}</Alert>
        </form>
      </ConfirmDialog>
    </div>
  );
}
