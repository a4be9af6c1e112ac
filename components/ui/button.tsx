import type { ButtonHTMLAttributes, Ref } from "react";
import { cn } from "./cn";

type Variant = "primary" | "secondary" | "danger" | "ghost" | "danger-ghost";

const variants: Record<Variant, string> = {
  primary: "bg-accent text-white hover:bg-accent-hover disabled:bg-indigo-400",
  secondary: "border border-control bg-raised text-fg hover:bg-raised-hover",
  // Darker on hover, not lighter: white on red-500 falls below 4.5:1 (axe flags a hovered button).
  danger: "bg-red-600 text-white hover:bg-red-700 disabled:bg-red-400",
  ghost: "text-strong hover:bg-inset",
  /** A destructive action among ghost buttons (a row's or a card's Delete). */
  "danger-ghost": "text-danger hover:bg-danger-soft",
};

export const buttonClasses = (variant: Variant = "primary", extra?: string) =>
  cn(
    "inline-flex items-center justify-center gap-2 rounded-md px-3.5 py-2 text-sm font-medium transition-colors",
    "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed",
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
