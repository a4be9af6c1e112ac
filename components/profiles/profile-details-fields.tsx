"use client";
// Name and type inputs of a profile, for react-hook-form forms validated with profileDetailsSchema.
import { useId } from "react";
import type { FieldErrors, UseFormRegister } from "react-hook-form";
import { cn } from "@/components/ui/cn";
import { TextField } from "@/components/ui/text-field";
import { PROFILE_TYPES, type ProfileDetailsInput } from "@/lib/validation/profiles";
import { TYPE_LABELS } from "./types";

interface ProfileDetailsFieldsProps {
  register: UseFormRegister<ProfileDetailsInput>;
  errors: FieldErrors<ProfileDetailsInput>;
  className?: string;
}

export function ProfileDetailsFields({ register, errors, className }: ProfileDetailsFieldsProps) {
  const typeId = useId();
  const typeError = errors.type?.message;
  return (
    <div className={cn("flex flex-wrap items-start gap-4", className)}>
      <TextField label="Profile name" autoComplete="off" className="min-w-56 flex-1" errors={errors.name?.message ? [errors.name.message] : undefined} {...register("name")} />
      <div className="flex flex-col gap-1.5">
        <label htmlFor={typeId} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
          Profile type
        </label>
        <select
          id={typeId}
          aria-invalid={Boolean(typeError) || undefined}
          aria-describedby={typeError ? `${typeId}-error` : undefined}
          className="rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm text-zinc-900 shadow-sm focus:outline-2 focus:outline-offset-1 focus:outline-indigo-600 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100"
          {...register("type")}
        >
          {PROFILE_TYPES.map((type) => (
            <option key={type} value={type}>
              {TYPE_LABELS[type]}
            </option>
          ))}
        </select>
        {typeError ? (
          <p id={`${typeId}-error`} className="text-sm text-red-700 dark:text-red-400">
            {typeError}
          </p>
        ) : null}
      </div>
    </div>
  );
}
