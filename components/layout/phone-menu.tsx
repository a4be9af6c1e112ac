"use client";
import { useRef } from "react";
import { type NavItem, NavLinks } from "./nav-links";

const MENU_ID = "main-menu";

/**
 * The main navigation on narrow screens: a "Menu" button opening the links in a native popover
 * (Escape and a click outside close it). It closes itself when a link is followed, since the
 * layout, and so the popover, stays mounted across client-side navigation.
 */
export function PhoneMenu({ items }: { items: NavItem[] }) {
  const panel = useRef<HTMLDivElement>(null);
  return (
    <div className="md:hidden">
      <button
        type="button"
        popoverTarget={MENU_ID}
        className="flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-soft hover:bg-inset focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5">
          <path fillRule="evenodd" d="M2 4.75A.75.75 0 0 1 2.75 4h14.5a.75.75 0 0 1 0 1.5H2.75A.75.75 0 0 1 2 4.75Zm0 5.25a.75.75 0 0 1 .75-.75h14.5a.75.75 0 0 1 0 1.5H2.75A.75.75 0 0 1 2 10Zm.75 4.5a.75.75 0 0 0 0 1.5h14.5a.75.75 0 0 0 0-1.5H2.75Z" clipRule="evenodd" />
        </svg>
        Menu
      </button>
      <div
        id={MENU_ID}
        ref={panel}
        popover="auto"
        onClick={(event) => {
          if ((event.target as HTMLElement).closest("a")) panel.current?.hidePopover();
        }}
        className="fixed inset-auto left-4 right-4 top-16 m-0 rounded-xl border border-subtle bg-surface p-2 text-fg shadow-lg"
      >
        <nav aria-label="Main">
          <NavLinks items={items} vertical />
        </nav>
      </div>
    </div>
  );
}
