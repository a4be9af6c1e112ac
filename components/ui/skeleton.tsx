import type { ReactNode } from "react";
import { cn } from "./cn";

/**
 * A pulsing placeholder shaped by its classes (height, width, rounding). Hidden from assistive
 * technology: the region around it says what is loading (role="status" with a label).
 */
export function Skeleton({ className, card = false }: { className?: string; /** A card's outline instead of a filled bar. */ card?: boolean }) {
  return <div aria-hidden="true" className={cn("animate-pulse", card ? "rounded-xl border border-subtle bg-surface" : "rounded bg-inset-strong", className)} />;
}

/** `count` skeletons with the same classes, keyed by position. */
export function Skeletons({ count, className, card }: { count: number; className?: string; card?: boolean }) {
  return Array.from({ length: count }, (_, i) => <Skeleton key={i} className={className} card={card} />);
}

/** A table or list while its rows load: a card of bars, announced by its label ("Loading users"). */
export function RowsSkeleton({ label, rows }: { label: string; rows: number }) {
  return (
    <div role="status" aria-label={label} className="flex flex-col gap-3 rounded-xl border border-subtle bg-surface p-4">
      <Skeletons count={rows} className="h-6" />
    </div>
  );
}

/** A page while it loads: its heading's bar, then `children` shaped like the page; announced by its label. */
export function PageSkeleton({ label, titleWidth, children }: { label: string; /** The heading bar's width class. */ titleWidth: string; children: ReactNode }) {
  return (
    <div role="status" aria-label={label} className="flex flex-col gap-6">
      <Skeleton className={cn("h-8", titleWidth)} />
      {children}
    </div>
  );
}

/** A card holding skeleton bars (a skeleton of a card with content, not a blank outline). */
export function SkeletonCard({ className, children }: { className?: string; children: ReactNode }) {
  return <div className={cn("rounded-xl border border-subtle bg-surface p-5", className)}>{children}</div>;
}
