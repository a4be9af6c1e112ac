import { type ReactNode, useId } from "react";
import { cn } from "./cn";

export interface FieldControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
  className: string;
}

interface FieldFrameProps {
  label: string;
  /** One message (an empty one is none) or several, shown after each other. */
  errors?: string | readonly string[];
  hint?: string;
  id?: string;
  className?: string;
  /** Renders the control with the id, ARIA wiring and classes the frame computed. */
  children: (control: FieldControlProps) => ReactNode;
}

/**
 * Label, hint and errors around one form control, tied to it with aria-describedby so a screen
 * reader announces them with the field. TextField and SelectField are this frame around an
 * <input> and a <select>.
 */
export function FieldFrame({ label, errors, hint, id, className, children }: FieldFrameProps) {
  const generated = useId();
  const controlId = id ?? generated;
  const errorId = `${controlId}-error`;
  const hintId = `${controlId}-hint`;
  const messages = typeof errors === "string" ? [errors].filter(Boolean) : (errors ?? []);
  const invalid = messages.length > 0;
  const describedBy = [hint ? hintId : null, invalid ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <label htmlFor={controlId} className="text-sm font-medium text-strong">
        {label}
      </label>
      {children({
        id: controlId,
        "aria-invalid": invalid || undefined,
        "aria-describedby": describedBy,
        className: cn(
          "rounded-md border bg-surface px-3 py-2 text-sm text-fg shadow-sm",
          "focus:outline-2 focus:outline-offset-1 focus:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-70",
          invalid ? "border-danger" : "border-control",
        ),
      })}
      {hint ? (
        <p id={hintId} className="text-xs text-muted">
          {hint}
        </p>
      ) : null}
      {invalid ? (
        <p id={errorId} className="text-sm text-danger">
          {messages.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
