"use client";
import { type ChangeEvent, type FormEvent, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { verifyAuditAction } from "@/lib/actions/audit/audit-actions";
import { verifyRangeProblems } from "@/lib/validation/audit-range";
import { ActionError, callAction, messageOf } from "@/lib/types/action-result";

// Admins re-check the tamper evidence of a date range: the server re-computes every entry's
// HMAC and lists those whose stored content no longer matches.
//
// Two date fields, checked in the browser with the rules verifyAuditSchema is built from
// (lib/validation/audit-range.ts) rather than react-hook-form and zod: those two would be some
// 45 KiB of the audit page's JavaScript for two fields, past its budget. The action parses again
// and its field errors land on the same fields.

interface VerifyInput {
  from: string;
  to: string;
}
type VerificationReport = Extract<Awaited<ReturnType<typeof verifyAuditAction>>, { ok: true }>["data"];

interface Outcome {
  range: VerifyInput;
  report: VerificationReport;
}

export function VerifyAudit({ today }: { today: string }) {
  const [range, setRange] = useState<VerifyInput>({ from: today, to: today });
  const [errors, setErrors] = useState<Partial<Record<keyof VerifyInput, string>>>({});
  const [isSubmitting, setSubmitting] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fromRef = useRef<HTMLInputElement>(null);
  const toRef = useRef<HTMLInputElement>(null);

  function showErrors(found: Partial<Record<keyof VerifyInput, string>>) {
    setErrors(found);
    // As a form library would: the first field to correct takes focus.
    if (found.from) fromRef.current?.focus();
    else if (found.to) toRef.current?.focus();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSubmitting) return;
    const asked = { ...range };
    const problems = verifyRangeProblems(asked);
    if (problems.from || problems.to) return showErrors(problems);
    setErrors({});
    setError(null);
    setOutcome(null);
    setSubmitting(true);
    try {
      setOutcome({ range: asked, report: await callAction(() => verifyAuditAction(asked)) });
    } catch (failure) {
      // Refused or unreachable alike: the range stays as typed, with the reason beside it.
      setError(messageOf(failure));
      const fieldErrors = failure instanceof ActionError ? failure.fieldErrors : {};
      const onFields: Partial<Record<keyof VerifyInput, string>> = {};
      for (const [field, messages] of Object.entries(fieldErrors)) {
        if (field === "from" || field === "to") onFields[field] = messages.join(" ");
      }
      if (onFields.from || onFields.to) showErrors(onFields);
    } finally {
      setSubmitting(false);
    }
  }

  const field = (name: keyof VerifyInput) => ({
    name,
    value: range[name],
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      const value = e.target.value;
      setRange((r) => ({ ...r, [name]: value }));
      setErrors((current) => (current[name] ? { ...current, [name]: undefined } : current));
    },
    errors: errors[name],
  });

  return (
    <section aria-labelledby="verify-heading" className="rounded-xl border border-subtle bg-surface p-4">
      <h2 id="verify-heading" className="text-base font-semibold">
        Verify the audit log
      </h2>
      <p className="mt-1 max-w-3xl text-sm text-soft">
        Every entry carries a signature (an HMAC made with a server secret) of its content. Verifying re-computes it for each entry in the
        range and lists every entry whose content was changed since it was written. It detects edited entries, not deleted ones: an entry
        removed from the table leaves nothing behind to check.
      </p>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="mt-4 flex flex-wrap items-start gap-4">
        <TextField label="From" type="date" ref={fromRef} {...field("from")} />
        <TextField label="To" type="date" ref={toRef} {...field("to")} />
        <SubmitButton pending={isSubmitting} pendingLabel="Verifying…" keepFocus className="mt-7">
          Verify entries
        </SubmitButton>
      </form>
      <Alert tone="error" inline className="mt-3">
        {error}
      </Alert>
      <div role="status" className="mt-3 text-sm">
        {outcome ? <VerificationResult outcome={outcome} /> : null}
      </div>
    </section>
  );
}

function VerificationResult({ outcome: { range, report } }: { outcome: Outcome }) {
  const period = range.from === range.to ? `on ${range.from}` : `from ${range.from} to ${range.to}`;
  const checked = `${report.checked.toLocaleString("en")} ${report.checked === 1 ? "entry" : "entries"}`;
  if (!report.mismatched.length) {
    return <p className="font-medium text-success">Checked {checked} {period} (UTC): all intact.</p>;
  }
  const count = report.mismatched.length;
  return (
    <div className="flex flex-col gap-2">
      <p className="font-medium text-danger-ink">
        Checked {checked} {period} (UTC): {count} {count === 1 ? "entry no longer matches its" : "entries no longer match their"} signature.
      </p>
      <div className="rounded-lg border border-subtle">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Entries whose content was changed</caption>
          <thead className="bg-surface-alt text-xs uppercase tracking-wide text-muted">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">Time (UTC)</th>
              <th scope="col" className="px-3 py-2 font-medium">Action</th>
              <th scope="col" className="px-3 py-2 font-medium">Entry id</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-divider">
            {report.mismatched.map((entry) => (
              <tr key={entry.id}>
                <td className="whitespace-nowrap px-3 py-1.5">
                  <time dateTime={entry.timestamp}>{entry.timestamp.replace("T", " ").slice(0, 19)}</time>
                </td>
                <td className="px-3 py-1.5">{entry.action}</td>
                <td className="break-all px-3 py-1.5 font-mono text-xs">{entry.id}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
