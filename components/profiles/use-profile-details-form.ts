"use client";
// The state of a profile's name and type in a form, checked with the shared rules
// (lib/validation/profile-details.ts) that the server actions' schemas wrap too. Two inputs do
// not need react-hook-form (about 14 KB gzip, which would take the editor route over its
// JavaScript budget): values, messages per field, and server messages on the same fields.
import { type ChangeEvent, type FormEvent, useId, useState } from "react";
import { checkProfileDetails, type ProfileDetails } from "@/lib/validation/profile-details";

export type DetailField = keyof ProfileDetails;
export type DetailErrors = Partial<Record<DetailField, string>>;

export function useProfileDetailsForm(initial: ProfileDetails) {
  const idPrefix = useId();
  const [values, setValues] = useState<ProfileDetails>(initial);
  const [errors, setErrors] = useState<DetailErrors>({});
  // Messages appear once the person has tried to submit or left a field; then they follow typing.
  const [checking, setChecking] = useState(false);
  const ids = { name: `${idPrefix}-name`, type: `${idPrefix}-type` };

  const recheck = (next: ProfileDetails) => {
    const result = checkProfileDetails(next);
    setErrors(result.ok ? {} : result.errors);
  };

  const inputProps = (field: DetailField) => ({
    id: ids[field],
    name: field,
    value: values[field],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
      const next = { ...values, [field]: event.target.value } as ProfileDetails;
      setValues(next);
      if (checking) recheck(next);
    },
    onBlur: () => {
      if (!checking && values[field] !== initial[field]) {
        setChecking(true);
        recheck(values);
      }
    },
  });

  /** Calls `onValid` with the normalised details, or shows the messages and focuses the first. */
  const handleSubmit = (onValid: (details: ProfileDetails) => void, onInvalid?: () => void) => (event?: FormEvent) => {
    event?.preventDefault();
    setChecking(true);
    const result = checkProfileDetails(values);
    if (!result.ok) {
      setErrors(result.errors);
      document.getElementById(ids[result.errors.name ? "name" : "type"])?.focus();
      onInvalid?.();
      return;
    }
    setErrors({});
    onValid(result.value);
  };

  return {
    ids,
    values,
    errors,
    inputProps,
    handleSubmit,
    /** A message from the server for one field. */
    setError: (field: DetailField, message: string) => setErrors((current) => ({ ...current, [field]: message })),
    reset: (next: ProfileDetails) => {
      setValues(next);
      setErrors({});
      setChecking(false);
    },
  };
}

export type ProfileDetailsForm = ReturnType<typeof useProfileDetailsForm>;
