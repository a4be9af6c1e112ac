import type { AriaRole, ReactNode, Ref } from "react";
import { cn } from "./cn";

const TONES = {
  // Errors interrupt (role="alert"); the rest are announced politely or only read.
  error: { role: "alert", className: "bg-danger-soft text-danger-ink", line: "border-danger-line", text: "text-danger" },
  warning: { role: "status", className: "bg-warning-soft text-warning-ink", line: "border-warning-line", text: "text-warning-ink" },
  success: { role: "status", className: "bg-success-soft text-success-ink", line: "border-success-line", text: "text-success" },
  info: { role: "note", className: "bg-info-soft text-info-ink", line: "border-info-soft", text: "text-info-ink" },
} as const;

type Tone = keyof typeof TONES;

const isEmpty = (children: ReactNode) => children === null || children === undefined || children === false || children === "";

interface AlertProps {
  tone: Tone;
  children: ReactNode;
  className?: string;
  /** Coloured text without the box, for a message beside the control it is about. */
  inline?: boolean;
  /** Focusable, for a message that focus moves to (tabIndex={-1}). */
  tabIndex?: number;
  ref?: Ref<HTMLParagraphElement>;
}

/** A message box in the page's flow: a failed save, an outage, a confirmation. Renders nothing without children. */
export function Alert({ tone, children, className, inline = false, tabIndex, ref }: AlertProps) {
  if (isEmpty(children)) return null;
  const { role, className: toneClass, text } = TONES[tone];
  return (
    <p ref={ref} tabIndex={tabIndex} role={role} className={cn("text-sm", inline ? text : `rounded-md px-3 py-2 ${toneClass}`, className)}>
      {children}
    </p>
  );
}

/**
 * An Alert that holds more than a sentence (a heading, a retry button) or stands in for a whole
 * page: a bordered box. `role` overrides the tone's, for a warning that must interrupt.
 */
export function AlertPanel({ tone, children, className, role }: { tone: Tone; children: ReactNode; className?: string; role?: AriaRole }) {
  const { role: toneRole, className: toneClass, line } = TONES[tone];
  return (
    <div role={role ?? toneRole} className={cn("rounded-xl border p-6", toneClass, line, className)}>
      {children}
    </div>
  );
}
