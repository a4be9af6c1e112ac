import type { ReactNode } from "react";
import { cn } from "./cn";

const TONES = {
  // Errors interrupt (role="alert"); the rest are announced politely or only read.
  error: { role: "alert", className: "bg-danger-soft text-danger-ink" },
  warning: { role: "status", className: "bg-warning-soft text-warning-ink" },
  success: { role: "status", className: "bg-success-soft text-success-ink" },
  info: { role: "note", className: "bg-info-soft text-info-ink" },
} as const;

/** A message box in the page's flow: a failed save, an outage, a confirmation. Renders nothing without children. */
export function Alert({ tone, children, className }: { tone: keyof typeof TONES; children: ReactNode; className?: string }) {
  if (children === null || children === undefined || children === false || children === "") return null;
  const { role, className: toneClass } = TONES[tone];
  return (
    <p role={role} className={cn("rounded-md px-3 py-2 text-sm", toneClass, className)}>
      {children}
    </p>
  );
}
