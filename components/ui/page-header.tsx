import type { ReactNode } from "react";
import { cn } from "./cn";

interface PageHeaderProps {
  /** The page's one h1. */
  title: ReactNode;
  description?: ReactNode;
  /** Above the title: a back link. */
  back?: ReactNode;
  /** Beside the title: a status badge. */
  badge?: ReactNode;
  /** On the right, below on narrow screens: the page's main buttons and links. */
  actions?: ReactNode;
  className?: string;
}

/** The top of a signed-in page: its heading, what it is for, and what you can do from it. */
export function PageHeader({ title, description, back, badge, actions, className }: PageHeaderProps) {
  return (
    <div className={cn("flex flex-wrap items-end justify-between gap-4", className)}>
      <div className="min-w-0">
        {back ? <div className="mb-2">{back}</div> : null}
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight wrap-anywhere">{title}</h1>
          {badge}
        </div>
        {description ? <p className="mt-1 text-sm text-muted wrap-anywhere">{description}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap items-center gap-3">{actions}</div> : null}
    </div>
  );
}
