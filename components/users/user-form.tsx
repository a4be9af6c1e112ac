"use client";
// The pieces the user forms (create, edit, set password) share: the form with its error summary,
// and the name / email / role fields (server errors reach the fields through
// components/ui/server-errors.ts).
import { type FormEventHandler, type ReactNode, useCallback } from "react";
import { LeaveGuard } from "@/components/ui/leave-guard";
import type { FieldErrors, FieldValues, Path, UseFormRegisterReturn } from "react-hook-form";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import type { Role } from "@/lib/validation/users";
import { ROLE_LABELS } from "./role-labels";

interface SummaryItem {
  /** The id of the input the message is about, so the summary can link to it. */
  fieldId: string;
  message: string;
}

/**
 * The form-level alert: what went wrong overall, and each field's error as a link to the field
 * (the fields show their own message too, tied to them with aria-describedby).
 */
function FormErrorSummary({ message, items }: { message: string | null; items: SummaryItem[] }) {
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
function summaryItems<T extends FieldValues>(errors: FieldErrors<T>, fields: ReadonlyArray<{ name: Path<T>; id: string }>): SummaryItem[] {
  const items: SummaryItem[] = [];
  for (const field of fields) {
    const message = errors[field.name]?.message;
    if (typeof message === "string" && message) items.push({ fieldId: field.id, message });
  }
  return items;
}

interface SummaryFormProps<T extends FieldValues> {
  onSubmit: FormEventHandler<HTMLFormElement>;
  className: string;
  /** The server's message for the form as a whole. */
  message: string | null;
  /** formState.errors and formState.isSubmitted: field errors join the summary once submitted. */
  errors: FieldErrors<T>;
  submitted: boolean;
  /** The form's fields in order, with the ids of their inputs. */
  fields: ReadonlyArray<{ name: Path<T>; id: string }>;
  children: ReactNode;
}

/**
 * A form with its errors summarised at the top. method="post": a submission before hydration
 * puts nothing typed in a URL (see useHydrated).
 */
export function SummaryForm<T extends FieldValues>({ onSubmit, className, message, errors, submitted, fields, children }: SummaryFormProps<T>) {
  return (
    <form onSubmit={onSubmit} method="post" noValidate className={className}>
      <FormErrorSummary message={message} items={submitted ? summaryItems(errors, fields) : []} />
      {children}
    </form>
  );
}

type UserFieldName = "name" | "email" | "role";

interface UserFieldsProps {
  idPrefix: string;
  /** The form's register() and formState.errors. */
  register: (name: UserFieldName) => UseFormRegisterReturn;
  errors: FieldErrors<Record<UserFieldName, string>>;
  /** Empty when the person may not choose a role: the current one is shown as text instead. */
  roles: readonly Role[];
  currentRole?: Role;
  /** Why the current role is shown as text rather than offered as a choice. */
  currentRoleNote?: string;
  roleHint?: string;
}

interface UserFormProps extends Omit<UserFieldsProps, "errors"> {
  onSubmit: FormEventHandler<HTMLFormElement>;
  className: string;
  /** The server's message for the form as a whole. */
  message: string | null;
  formState: { errors: UserFieldsProps["errors"]; isSubmitted: boolean; isSubmitting: boolean; isDirty: boolean };
  submitLabel: string;
  pendingLabel: string;
  /** What leaving with typed changes would lose, said in the leave prompt. */
  unsavedMessage: string;
}

/** The create and the edit form: name, email and role under the error summary, then the submit button. */
export function UserForm({ onSubmit, className, message, formState, submitLabel, pendingLabel, unsavedMessage, ...fields }: UserFormProps) {
  const ids = (["name", "email", "role"] as const).map((name) => ({ name, id: `${fields.idPrefix}-${name}` }));
  // Read during render: react-hook-form only tracks the form-state fields a render has read.
  const unsaved = formState.isDirty;
  const isUnsaved = useCallback(() => unsaved, [unsaved]);
  return (
    <>
      <LeaveGuard isDirty={isUnsaved}>
        <p>{unsavedMessage}</p>
      </LeaveGuard>
      <SummaryForm onSubmit={onSubmit} className={className} message={message} errors={formState.errors} submitted={formState.isSubmitted} fields={ids}>
      <UserFields errors={formState.errors} {...fields} />
      <div>
        <SubmitButton pending={formState.isSubmitting} pendingLabel={pendingLabel} waitForHydration>
          {submitLabel}
        </SubmitButton>
      </div>
    </SummaryForm>
    </>
  );
}

/** Name, email and role, as both the create and the edit form show them. */
function UserFields({ idPrefix, register, errors, roles, currentRole, currentRoleNote, roleHint }: UserFieldsProps) {
  return (
    <>
      <TextField id={`${idPrefix}-name`} label="Name" autoComplete="off" errors={errors.name?.message} {...register("name")} />
      <TextField
        id={`${idPrefix}-email`}
        label="Email"
        type="email"
        autoComplete="off"
        spellCheck={false}
        errors={errors.email?.message}
        {...register("email")}
      />
      {roles.length ? (
        <SelectField
          id={`${idPrefix}-role`}
          label="Role"
          options={roles.map((value) => ({ value, label: ROLE_LABELS[value] }))}
          errors={errors.role?.message}
          hint={roleHint}
          {...register("role")}
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
