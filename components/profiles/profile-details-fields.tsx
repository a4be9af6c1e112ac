"use client";
// Name and type inputs of a profile, driven by useProfileDetailsForm.
import { cn } from "@/components/ui/cn";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { PROFILE_TYPES } from "@/lib/validation/profile-details";
import { TYPE_LABELS } from "@/lib/profiles/views";
import type { ProfileDetailsForm } from "./use-profile-details-form";

const TYPE_OPTIONS = PROFILE_TYPES.map((type) => ({ value: type, label: TYPE_LABELS[type] }));

export function ProfileDetailsFields({ form, className }: { form: ProfileDetailsForm; className?: string }) {
  return (
    <div className={cn("flex flex-wrap items-start gap-4", className)}>
      <TextField label="Profile name" autoComplete="off" className="min-w-56 flex-1" errors={form.errors.name} {...form.inputProps("name")} />
      <SelectField label="Profile type" options={TYPE_OPTIONS} errors={form.errors.type} {...form.inputProps("type")} />
    </div>
  );
}
