import type { ReactNode } from "react";
import { cn } from "./cn";

const TONES = {
  neutral: "bg-inset-strong text-strong",
  success: "bg-success-soft text-success-ink",
  accent: "bg-accent-soft text-accent-ink",
  warning: "bg-warning-soft text-warning-ink",
} as const;

export type BadgeTone = keyof typeof TONES;

/** A short state in a pill: Active, Deactivated, Default, Public, This browser. */
export function StatusBadge({ tone, children, className }: { tone: BadgeTone; children: ReactNode; className?: string }) {
  return <span className={cn("inline-block rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap", TONES[tone], className)}>{children}</span>;
}
