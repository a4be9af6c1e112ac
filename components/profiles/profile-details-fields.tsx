"use client";
// Name and type inputs of a profile, driven by useProfileDetailsForm.
import { cn } from "@/components/ui/cn";
import { TextField } from "@/components/ui/text-field";
import { PROFILE_TYPES } from "@/lib/validation/profile-details";
import { TYPE_LABELS } from "@/lib/profiles/views";
import type { ProfileDetailsForm } from "./use-profile-details-form";

export function ProfileDetailsFields({ form, className }: { form: ProfileDetailsForm; className?: string }) {
  const typeError = form.errors.type;
  const typeErrorId = `${form.ids.type}-error`;
  return (
    <div className={cn("flex flex-wrap items-start gap-4", className)}>
      <TextField label="Profile name" autoComplete="off" className="min-w-56 flex-1" errors={form.errors.name} {...form.inputProps("name")} />
      <div className="flex flex-col gap-1.5">
        <label htmlFor={form.ids.type} className="text-sm font-medium text-strong">
          Profile type
        </label>
        <select
          {...form.inputProps("type")}
          aria-invalid={Boolean(typeError) || undefined}
          aria-describedby={typeError ? typeErrorId : undefined}
          className="rounded-md border border-control bg-surface px-3 py-2 text-sm text-fg shadow-sm focus:outline-2 focus:outline-offset-1 focus:outline-indigo-600"
        >
          {PROFILE_TYPES.map((type) => (
            <option key={type} value={type}>
              {TYPE_LABELS[type]}
            </option>
          ))}
        </select>
        {typeError ? (
          <p id={typeErrorId} className="text-sm text-danger">
            {typeError}
          </p>
        ) : null}
      </div>
    </div>
  );
}
