import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ProfileAvatar } from "@/components/profiles/profile-avatar";
import { signOutAction } from "@/lib/actions/auth/sign-out";
import type { User } from "@/lib/validation/users";
import { ThemeSwitch } from "./theme-switch";

const MENU_ID = "account-menu";
const itemClasses = "block rounded-md px-3 py-2 text-sm font-medium text-soft hover:bg-inset focus-visible:outline-2 focus-visible:outline-indigo-600";

/**
 * The signed-in person's menu in the header: who they are, their account pages, the theme and
 * sign-out. A native popover: it opens from the keyboard, closes on Escape or a click outside,
 * and needs no script of its own (React renders the attributes).
 */
export function AccountMenu({ user, avatarSrc, theme }: { user: User; avatarSrc: string | null; theme: "system" | "light" | "dark" }) {
  return (
    <div className="relative">
      <button
        type="button"
        popoverTarget={MENU_ID}
        className="flex items-center gap-2 rounded-full py-1 pl-1 pr-3 text-sm hover:bg-inset focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <ProfileAvatar name={user.name} src={avatarSrc} size="sm" decorative />
        {/* The name is the button's visible text (hidden on phones), then what it opens. */}
        <span className="sr-only max-w-40 truncate font-medium sm:not-sr-only">{user.name}</span>
        <span className="sr-only">, account menu</span>
      </button>
      <div
        id={MENU_ID}
        popover="auto"
        className="fixed inset-auto right-4 top-16 m-0 w-72 rounded-xl border border-subtle bg-surface p-3 text-fg shadow-lg"
      >
        <div className="border-b border-subtle px-3 pb-3">
          <p className="truncate font-medium">{user.name}</p>
          <p className="truncate text-sm text-muted">{user.email}</p>
          <p className="mt-1 text-xs uppercase tracking-wide text-soft">{user.role}</p>
        </div>
        <nav aria-label="Account" className="flex flex-col py-2">
          <Link href="/account/security" className={itemClasses}>
            Security
          </Link>
          <Link href="/account/sessions" className={itemClasses}>
            Sessions
          </Link>
        </nav>
        <div className="border-t border-subtle px-3 py-3">
          <ThemeSwitch initial={theme} />
        </div>
        <form action={signOutAction} className="border-t border-subtle px-3 pt-3">
          <button type="submit" className={cn(buttonClasses("secondary"), "w-full")}>
            Sign out
          </button>
        </form>
      </div>
    </div>
  );
}
