"use client";
import { useSyncExternalStore } from "react";
import type { Zone } from "@/components/ui/format-date";

// The browser's clock, shared by every timestamp on the page and ticking twice a minute. On the
// server and while hydrating it is unknown (null), so the first render matches the server's
// HTML; React re-renders with the real clock right after hydration.

const TICK_MS = 30_000;
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      listeners.forEach((notify) => notify());
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (!listeners.size && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

export interface ClientClock {
  /** Milliseconds since the epoch, or null before hydration. */
  now: number | null;
  zone: Zone;
}

export function useClientClock(): ClientClock {
  const current = useSyncExternalStore(
    subscribe,
    () => now,
    () => null,
  );
  return { now: current, zone: current === null ? "utc" : "local" };
}
