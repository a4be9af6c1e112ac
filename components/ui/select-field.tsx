import type { SelectHTMLAttributes } from "react";
import { FieldFrame } from "./field-frame";

export interface SelectOption {
  value: string;
  label: string;
}

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "children"> {
  label: string;
  options: readonly SelectOption[];
  errors?: string | readonly string[];
  hint?: string;
}

/** A labelled native <select>: keyboard, screen readers and mobile pickers work as the platform does. */
export function SelectField({ label, options, errors, hint, className, id, ...props }: SelectFieldProps) {
  return (
    <FieldFrame label={label} errors={errors} hint={hint} id={id} className={className}>
      {(control) => (
        <select {...control} {...props}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}
