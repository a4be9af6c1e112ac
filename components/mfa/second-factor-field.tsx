"use client";
import { TextField } from "@/components/ui/text-field";

export type SecondFactorMethod = "totp" | "recovery_code";

interface SecondFactorFieldProps {
  method: SecondFactorMethod;
  onMethodChange: (method: SecondFactorMethod) => void;
  code: string;
  onCodeChange: (code: string) => void;
  errors?: readonly string[];
  /** The six digits' label: the sign-in's words, or the account page's. */
  totpLabel?: string;
  autoFocus?: boolean;
}

/**
 * A second factor typed in: the authenticator's six digits (numeric keyboard, the browser's
 * one-time-code autofill) or, switched with the link below it, a recovery code. Switching
 * clears what was typed, since one is never the other.
 */
export function SecondFactorField({ method, onMethodChange, code, onCodeChange, errors, totpLabel = "Enter the 6-digit code from your authenticator app", autoFocus }: SecondFactorFieldProps) {
  const totp = method === "totp";
  return (
    <div className="flex flex-col gap-2">
      <TextField
        // A new input for the other method: its own label, keyboard and autofill.
        key={method}
        label={totp ? totpLabel : "Recovery code"}
        hint={totp ? undefined : "One of the codes you saved when you set up two-factor authentication, like abcde-12345."}
        name="code"
        value={code}
        onChange={(event) => onCodeChange(event.target.value)}
        autoComplete="one-time-code"
        {...(totp ? { inputMode: "numeric" as const, pattern: "[0-9 ]*", maxLength: 7 } : { autoCapitalize: "none", spellCheck: false, maxLength: 32 })}
        required
        autoFocus={autoFocus}
        errors={errors}
      />
      <button
        type="button"
        className="self-start text-sm font-medium text-link underline hover:no-underline"
        onClick={() => {
          onMethodChange(totp ? "recovery_code" : "totp");
          onCodeChange("");
        }}
      >
        {totp ? "Use a recovery code instead" : "Use your authenticator app instead"}
      </button>
    </div>
  );
}
