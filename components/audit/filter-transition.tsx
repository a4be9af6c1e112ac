"use client";
import { createContext, type ReactNode, useContext, useTransition } from "react";
import { cn } from "@/components/ui/cn";

// A filter change of the audit page navigates inside a transition: the entries it replaces stay
// on screen, dimmed and marked busy, until the new ones arrive. The filters start it; the list
// shows it. Without the provider (other timelines), nothing is ever pending.

interface FilterTransition {
  pending: boolean;
  start: (work: () => void) => void;
}

const Context = createContext<FilterTransition | null>(null);

export function FilterTransitionProvider({ children }: { children: ReactNode }) {
  const [pending, start] = useTransition();
  return <Context value={{ pending, start }}>{children}</Context>;
}

/** The page's transition, or a local one where there is no provider. */
export function useFilterTransition(): FilterTransition {
  const shared = useContext(Context);
  const [pending, start] = useTransition();
  return shared ?? { pending, start };
}

/** What a filter change replaces: busy and dimmed while it is pending. */
export function PendingRegion({ children, className }: { children: ReactNode; className?: string }) {
  const shared = useContext(Context);
  const pending = shared?.pending ?? false;
  return (
    <div aria-busy={pending} className={cn("transition-opacity", pending && "pointer-events-none opacity-50", className)}>
      {children}
    </div>
  );
}
