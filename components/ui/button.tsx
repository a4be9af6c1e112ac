import type { ButtonHTMLAttributes, Ref } from "react";
import { cn } from "./cn";

type Variant = "primary" | "secondary" | "danger" | "ghost" | "danger-ghost";

// Hover effects only where not disabled (`not-disabled`, unlike `enabled`, also matches links
// styled as buttons): a disabled button must not look as if it would respond.
const variants: Record<Variant, string> = {
  primary: "bg-accent text-white not-disabled:hover:bg-accent-hover",
  secondary: "border border-control bg-raised text-fg not-disabled:hover:bg-raised-hover",
  // Darker on hover, not lighter: white on red-500 falls below 4.5:1 (axe flags a hovered button).
  danger: "bg-red-600 text-white not-disabled:hover:bg-red-700",
  ghost: "text-strong not-disabled:hover:bg-inset",
  /** A destructive action among ghost buttons (a row's or a card's Delete). */
  "danger-ghost": "text-danger not-disabled:hover:bg-danger-soft",
};

export const buttonClasses = (variant: Variant = "primary", extra?: string) =>
  cn(
    "inline-flex items-center justify-center gap-2 rounded-md px-3.5 py-2 text-sm font-medium transition-colors",
    "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600",
    // Every variant looks disabled the same way: faded, and a cursor that says no.
    "disabled:cursor-not-allowed disabled:opacity-55",
    variants[variant],
    extra,
  );

export function Button({
  variant = "primary",
  className,
  type = "button",
  ref,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; ref?: Ref<HTMLButtonElement> }) {
  return <button ref={ref} type={type} className={buttonClasses(variant, className)} {...props} />;
}
