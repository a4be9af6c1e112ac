"use client";
// Asks before unsaved work is left behind. Closing or reloading the tab gets the browser's own
// prompt (beforeunload). In-app links get a dialog: the App Router has no way to block a
// navigation, so a click on a link is caught before next/link sees it (capture phase; Link skips
// a click whose default was prevented) and followed once the person agrees. The browser's Back
// button cannot be cancelled either, so from the first change on the page keeps one extra
// history entry with the same URL (and Next's own state, so its router sees nothing new): Back
// first lands on the entry beneath it, still this page, where the dialog asks; "Leave" then goes
// back for real, "Stay" puts the extra entry back.
import { useRouter } from "next/navigation";
import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
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

/** Marks the extra history entry the guard keeps while there are changes. */
const GUARD = "__preworkLeaveGuard";

const onGuardEntry = () => (window.history.state as Record<string, unknown> | null)?.[GUARD] === true;

/** Where a confirmed leave goes: an in-app path, or back in history. */
type Leaving = { href: string } | "back";

export function LeaveGuard({ isDirty, children }: LeaveGuardProps) {
  const router = useRouter();
  const [pending, setPending] = useState<Leaving | null>(null);
  // Whether the extra entry is the current one (after a reload it may be already).
  const armed = useRef(false);
  const askingAboutBack = useRef(false);

  /** Follows a link; over the extra entry, so Back from there returns to this page at once. */
  const go = useCallback(
    (href: string) => {
      if (armed.current) {
        armed.current = false;
        router.replace(href);
      } else router.push(href);
    },
    [router],
  );

  useEffect(() => {
    armed.current = onGuardEntry();
    // Checked after the event: this capture-phase listener runs before the form's own handlers.
    const arm = () => window.setTimeout(armNow, 0);
    const armNow = () => {
      // While the dialog asks about a Back, the entry stays off until the answer (the blur of
      // the field being left fires a change event meanwhile).
      if (armed.current || askingAboutBack.current || !isDirty()) return;
      // A copy of Next's state keeps its router from treating the entry as foreign.
      window.history.pushState({ ...(window.history.state as object | null), [GUARD]: true }, "", window.location.href);
      armed.current = true;
    };
    const onPopState = () => {
      if (!armed.current || onGuardEntry()) return;
      // Back took us off the extra entry, onto this same page's own.
      armed.current = false;
      if (isDirty()) {
        askingAboutBack.current = true;
        setPending("back");
      }
      // Saved meanwhile: finish the Back the person pressed.
      else window.history.back();
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!isDirty()) return;
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = "";
    };
    const onClick = (event: MouseEvent) => {
      const href = leavingHref(event);
      if (!href || (!isDirty() && !armed.current)) return;
      event.preventDefault();
      if (isDirty()) setPending({ href });
      else go(href);
    };
    window.addEventListener("popstate", onPopState);
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    document.addEventListener("input", arm, true);
    document.addEventListener("change", arm, true);
    return () => {
      window.removeEventListener("popstate", onPopState);
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
      document.removeEventListener("input", arm, true);
      document.removeEventListener("change", arm, true);
    };
  }, [isDirty, go]);

  function stay() {
    askingAboutBack.current = false;
    if (pending === "back") {
      window.history.pushState({ ...(window.history.state as object | null), [GUARD]: true }, "", window.location.href);
      armed.current = true;
    }
    setPending(null);
  }

  function leave() {
    askingAboutBack.current = false;
    const leaving = pending;
    setPending(null);
    if (leaving === "back") window.history.back();
    else if (leaving) go(leaving.href);
  }

  return (
    <ConfirmDialog
      open={pending !== null}
      title="Leave without saving?"
      confirmLabel="Leave this page"
      cancelLabel="Stay and keep editing"
      destructive
      onConfirm={leave}
      onCancel={stay}
    >
      {children ?? <p>Your changes are not saved yet.</p>}
    </ConfirmDialog>
  );
}
