import type { InputHTMLAttributes, Ref } from "react";
import { FieldFrame } from "./field-frame";

interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  errors?: string | readonly string[];
  hint?: string;
  /** React 19 passes refs as props; react-hook-form's register() needs one. */
  ref?: Ref<HTMLInputElement>;
}

/** A labelled input whose errors are announced and tied to it with aria-describedby. */
export function TextField({ label, errors, hint, className, id, ...props }: TextFieldProps) {
  return (
    <FieldFrame label={label} errors={errors} hint={hint} id={id} className={className}>
      {(control) => <input {...control} {...props} />}
    </FieldFrame>
  );
}
