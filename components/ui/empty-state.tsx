import type { ReactNode } from "react";
import { cn } from "./cn";

interface EmptyStateProps {
  /** Missing for an empty state that is one quiet sentence. */
  title?: ReactNode;
  description?: ReactNode;
  /** A way out: clear the filters, create the first one. */
  action?: ReactNode;
  /** Smaller, for an empty section inside a card. */
  compact?: boolean;
  className?: string;
}

/** What an empty list says instead of its rows: why it is empty and what to do. */
export function EmptyState({ title, description, action, compact = false, className }: EmptyStateProps) {
  return (
    <div className={cn("border border-dashed border-line text-center", compact ? "rounded-lg p-6 text-sm" : "rounded-xl p-10", className)}>
      {title ? <p className="font-medium">{title}</p> : null}
      {description ? <p className={cn("text-sm text-muted", title ? "mt-1" : null)}>{description}</p> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}
