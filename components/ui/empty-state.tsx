import type { ReactNode } from "react";
import { cn } from "./cn";

interface EmptyStateProps {
  title: ReactNode;
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
      <p className="font-medium">{title}</p>
      {description ? <p className="mt-1 text-sm text-muted">{description}</p> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}
