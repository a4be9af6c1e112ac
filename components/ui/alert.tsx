import type { ReactNode } from "react";
import { cn } from "./cn";

const TONES = {
  // Errors interrupt (role="alert"); the rest are announced politely or only read.
  error: { role: "alert", className: "bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-200" },
  warning: { role: "status", className: "bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-100" },
  success: { role: "status", className: "bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100" },
  info: { role: "note", className: "bg-sky-50 text-sky-900 dark:bg-sky-950 dark:text-sky-100" },
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
