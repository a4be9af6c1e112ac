"use client";
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";

export interface RowMenuItem {
  label: string;
  onSelect(): void;
  destructive?: boolean;
  disabled?: boolean;
}

const MENU_WIDTH = 208;

/**
 * A row's actions behind one button, so the row stays one line tall. A native popover (as the
 * account menu is): it opens from the keyboard, closes on Escape, a click outside or Tab, and
 * the browser returns focus to the button; it follows the button as the page scrolls. Arrow keys, Home and End move between the items
 * (the menu button pattern of the ARIA practices). Placed under the button, or above it when
 * there is no room below, and kept inside the viewport on phones.
 */
export function RowMenu({ label, items }: { label: string; items: RowMenuItem[] }) {
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const menu = menuRef.current;
    if (!menu) return;
    const place = () => {
      const anchor = buttonRef.current!.getBoundingClientRect();
      const height = menu.offsetHeight;
      const below = anchor.bottom + 4 + height <= window.innerHeight;
      menu.style.top = `${Math.max(8, below ? anchor.bottom + 4 : anchor.top - 4 - height)}px`;
      menu.style.left = `${Math.min(Math.max(8, anchor.right - MENU_WIDTH), window.innerWidth - MENU_WIDTH - 8)}px`;
    };
    const onToggle = (event: Event) => {
      const isOpen = (event as ToggleEvent).newState === "open";
      setOpen(isOpen);
      if (!isOpen) return;
      place();
      menu.querySelector<HTMLButtonElement>("[role=menuitem]:not(:disabled)")?.focus({ preventScroll: true });
    };
    // A fixed menu follows its button when the page scrolls under it.
    const follow = () => {
      if (menu.matches(":popover-open")) place();
    };
    menu.addEventListener("toggle", onToggle);
    window.addEventListener("scroll", follow, { passive: true, capture: true });
    window.addEventListener("resize", follow, { passive: true });
    return () => {
      menu.removeEventListener("toggle", onToggle);
      window.removeEventListener("scroll", follow, { capture: true });
      window.removeEventListener("resize", follow);
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const enabled = [...event.currentTarget.querySelectorAll<HTMLButtonElement>("[role=menuitem]:not(:disabled)")];
    const at = enabled.indexOf(document.activeElement as HTMLButtonElement);
    const move: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: enabled.length - 1 };
    if (event.key in move) {
      event.preventDefault();
      enabled[(move[event.key]! + enabled.length) % enabled.length]?.focus();
    } else if (event.key === "Tab") {
      event.preventDefault();
      menuRef.current?.hidePopover();
    }
  };

  const select = (item: RowMenuItem) => {
    menuRef.current?.hidePopover();
    item.onSelect();
  };

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        popoverTarget={menuId}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        className="flex size-9 items-center justify-center rounded-md text-soft hover:bg-inset focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5 fill-current">
          <circle cx="4" cy="10" r="1.75" />
          <circle cx="10" cy="10" r="1.75" />
          <circle cx="16" cy="10" r="1.75" />
        </svg>
        <span className="sr-only">{label}</span>
      </button>
      <div
        ref={menuRef}
        id={menuId}
        popover="auto"
        role="menu"
        aria-label={label}
        onKeyDown={onKeyDown}
        style={{ width: MENU_WIDTH }}
        className="fixed inset-auto m-0 rounded-xl border border-subtle bg-surface p-1 text-fg shadow-lg"
      >
        {items.map((item) => (
          <button
            key={item.label}
            type="button"
            role="menuitem"
            tabIndex={-1}
            disabled={item.disabled}
            onClick={() => select(item)}
            className={cn(
              "block w-full rounded-md px-3 py-2 text-left text-sm font-medium hover:bg-inset focus-visible:bg-inset focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-50",
              item.destructive ? "text-danger" : "text-soft",
            )}
          >
            {item.label}
          </button>
        ))}
      </div>
    </>
  );
}
