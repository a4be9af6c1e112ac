import Link from "next/link";
import type { ReactNode } from "react";
import { can } from "@/lib/auth/permissions";
import { currentTheme } from "@/lib/profiles/theme";
import { avatarPath } from "@/lib/users/avatar-path";
import type { User } from "@/lib/validation/users";
import { AccountMenu } from "./account-menu";
import { type NavItem, NavLinks } from "./nav-links";
import { PhoneMenu } from "./phone-menu";

/** Navigation shows each role only what it may use; the pages check again on their own. */
function navItems(user: User): NavItem[] {
  const items: NavItem[] = [
    { href: "/", label: "Home" },
    { href: "/profiles", label: "Profiles" },
    { href: "/files", label: "Files" },
    { href: "/activity", label: "Activity" },
  ];
  if (can(user, "users.list")) items.push({ href: "/admin/users", label: "Users" });
  if (can(user, "templates.manage")) items.push({ href: "/admin/templates", label: "Templates" });
  if (can(user, "audit.view_all")) items.push({ href: "/admin/audit", label: "Audit log" });
  return items;
}

export async function AppShell({ user, children }: { user: User; children: ReactNode }) {
  const items = navItems(user);
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-zinc-900">
        Skip to content
      </a>
      <header className="border-b border-subtle bg-surface">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="flex items-center gap-2 md:gap-6">
            <PhoneMenu items={items} />
            <Link href="/" className="text-lg font-semibold tracking-tight">
              Pre-Work
            </Link>
            <nav aria-label="Main" className="hidden md:block">
              <NavLinks items={items} />
            </nav>
          </div>
          <AccountMenu user={user} avatarSrc={avatarPath(user)} theme={(await currentTheme()) ?? "system"} />
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
        {children}
      </main>
    </div>
  );
}
