"use client";
// Asks before unsaved work is left behind. Closing or reloading the tab gets the browser's own
// prompt (beforeunload). In-app links get a dialog: the App Router has no way to block a
// navigation, so a click on a link is caught before next/link sees it (capture phase; Link skips
// a click whose default was prevented) and followed with router.push once the person agrees.
import { useRouter } from "next/navigation";
import { type ReactNode, useEffect, useState } from "react";
import { ConfirmDialog } from "./confirm-dialog";

interface LeaveGuardProps {
  /** Read at the moment of leaving, so it never lags behind the last keystroke. */
  isDirty: () => boolean;
  children?: ReactNode;
}

/** The in-app destination of a click that would leave this page, or null. */
function leavingHref(event: MouseEvent): string | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!(link instanceof HTMLAnchorElement) || link.hasAttribute("download") || (link.target && link.target !== "_self")) return null;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin) return null;
  // A link to a place on this same page leaves nothing behind.
  if (url.pathname === location.pathname && url.search === location.search) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

export function LeaveGuard({ isDirty, children }: LeaveGuardProps) {
  const router = useRouter();
  const [pending, setPending] = useState<string | null>(null);

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!isDirty()) return;
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = "";
    };
    const onClick = (event: MouseEvent) => {
      const href = leavingHref(event);
      if (!href || !isDirty()) return;
      event.preventDefault();
      setPending(href);
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [isDirty]);

  return (
    <ConfirmDialog
      open={pending !== null}
      title="Leave without saving?"
      confirmLabel="Leave this page"
      cancelLabel="Stay and keep editing"
      destructive
      onConfirm={() => {
        const href = pending;
        setPending(null);
        if (href) router.push(href);
      }}
      onCancel={() => setPending(null)}
    >
      {children ?? <p>Your changes are not saved yet.</p>}
    </ConfirmDialog>
  );
}
