"use client";
// The pieces the create and edit forms share: the name / email / role fields and the error
// summary (server errors reach the fields through components/ui/server-errors.ts).
import { useSyncExternalStore } from "react";
import type { FieldErrors, FieldValues, Path, UseFormRegisterReturn } from "react-hook-form";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import type { Role } from "@/lib/validation/users";
import { ROLE_LABELS } from "./role-labels";

const noSubscription = () => () => {};

/**
 * False in the server's HTML and until React has hydrated the form. Submit buttons stay
 * disabled until then: a submission before hydration would be the browser's own (the forms say
 * method="post" so that even then nothing typed, a new password included, lands in a URL), and
 * react-hook-form replaces what was typed before hydration with the form's starting values.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

export interface SummaryItem {
  /** The id of the input the message is about, so the summary can link to it. */
  fieldId: string;
  message: string;
}

/**
 * The form-level alert: what went wrong overall, and each field's error as a link to the field
 * (the fields show their own message too, tied to them with aria-describedby).
 */
export function FormErrorSummary({ message, items }: { message: string | null; items: SummaryItem[] }) {
  if (!message && items.length === 0) return null;
  return (
    <div role="alert" className="rounded-md border border-danger-line bg-danger-soft px-4 py-3 text-sm text-danger-ink">
      <p className="font-medium">{message ?? "Please correct the highlighted fields."}</p>
      {items.length ? (
        <ul className="mt-1 list-disc pl-5">
          {items.map((item) => (
            <li key={item.fieldId}>
              <a href={`#${item.fieldId}`} className="underline hover:no-underline">
                {item.message}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The summary's entries for the fields that have an error, in the form's order. */
export function summaryItems<T extends FieldValues>(errors: FieldErrors<T>, fields: ReadonlyArray<{ name: Path<T>; id: string }>): SummaryItem[] {
  const items: SummaryItem[] = [];
  for (const field of fields) {
    const message = errors[field.name]?.message;
    if (typeof message === "string" && message) items.push({ fieldId: field.id, message });
  }
  return items;
}

export function errorList(message: unknown): string[] | undefined {
  return typeof message === "string" && message ? [message] : undefined;
}

interface UserFieldsProps {
  idPrefix: string;
  name: UseFormRegisterReturn;
  email: UseFormRegisterReturn;
  /** Absent when the person may not choose a role: the current one is shown as text instead. */
  role?: UseFormRegisterReturn;
  roles: readonly Role[];
  currentRole?: Role;
  /** Why the current role is shown as text rather than offered as a choice. */
  currentRoleNote?: string;
  roleHint?: string;
  errors: { name?: unknown; email?: unknown; role?: unknown };
}

/** Name, email and role, as both the create and the edit form show them. */
export function UserFields({ idPrefix, name, email, role, roles, currentRole, currentRoleNote, roleHint, errors }: UserFieldsProps) {
  return (
    <>
      <TextField id={`${idPrefix}-name`} label="Name" autoComplete="off" errors={errorList(errors.name)} {...name} />
      <TextField
        id={`${idPrefix}-email`}
        label="Email"
        type="email"
        autoComplete="off"
        spellCheck={false}
        errors={errorList(errors.email)}
        {...email}
      />
      {role ? (
        <SelectField
          id={`${idPrefix}-role`}
          label="Role"
          options={roles.map((value) => ({ value, label: ROLE_LABELS[value] }))}
          errors={errorList(errors.role)}
          hint={roleHint}
          {...role}
        />
      ) : currentRole ? (
        <div className="flex flex-col gap-1.5">
          <span className="text-sm font-medium text-strong">Role</span>
          <p className="text-sm text-soft">
            {ROLE_LABELS[currentRole]}
            {currentRoleNote ? <span className="text-muted"> ({currentRoleNote})</span> : null}
          </p>
        </div>
      ) : null}
    </>
  );
}
