// Every page at phone width (390 × 844): nothing scrolls sideways, the header's links live in a
// Menu that opens and closes itself on navigation, and axe finds nothing serious or critical in
// the light or the dark theme. Pages' own phone layouts (users cards, filter drawers) are tested
// in their specs; this one walks them all.
import type { Page } from "@playwright/test";
import { createProfile } from "@/lib/db/profiles";
import { expect, test } from "./fixtures";
import { seriousViolations } from "./fixtures/accessibility";
import { makeUser } from "./fixtures/users";

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

/** How far the page scrolls sideways (0: it fits). */
const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test("the header's links collapse into a menu that closes on navigation", async ({ login, page }) => {
  await login("admin");
  await page.goto("/");
  // Only the menu's copy of the navigation exists at this width, and it is closed.
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await page.getByRole("button", { name: "Menu", exact: true }).click();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Home" })).toHaveAttribute("aria-current", "page");
  expect(await seriousViolations(page)).toEqual([]);
  await nav.getByRole("link", { name: "Users" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);

  // The account menu fits on the screen too.
  await page.getByRole("button", { name: /, account menu$/ }).click();
  const signOut = page.getByRole("button", { name: "Sign out" });
  await expect(signOut).toBeInViewport({ ratio: 1 });
  await page.keyboard.press("Escape");
  await expect(signOut).toBeHidden();
});

const PAGES: { name: string; path: (ids: { profileId: string; userId: string }) => string }[] = [
  { name: "home", path: () => "/" },
  { name: "profiles", path: () => "/profiles" },
  { name: "profile editor", path: ({ profileId }) => `/profiles/${profileId}` },
  { name: "files", path: () => "/files" },
  { name: "activity", path: () => "/activity" },
  { name: "users list", path: () => "/admin/users" },
  { name: "user detail", path: ({ userId }) => `/admin/users/${userId}` },
  { name: "new user", path: () => "/admin/users/new" },
  { name: "templates", path: () => "/admin/templates" },
  { name: "audit log", path: () => "/admin/audit" },
  { name: "security", path: () => "/account/security" },
  { name: "sessions", path: () => "/account/sessions" },
];

for (const { name, path } of PAGES) {
  test(`${name} fits a phone and passes axe in light and dark`, async ({ login, page }) => {
    const admin = await login("admin", { name: "Phone Admin" });
    const profile = await createProfile(admin.id, { name: "Work", type: "professional", customFields: { team: "Platform", languages: ["en", "fr"] } }, { actorId: admin.id });
    const other = await makeUser("user", { name: "Someone With A Rather Long Name For A Phone" });
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(path({ profileId: profile.id, userId: other.id }));
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      expect(await sidewaysOverflow(page), `${name} (${scheme}) scrolls sideways`).toBeLessThanOrEqual(0);
      expect(await seriousViolations(page), `${name} (${scheme})`).toEqual([]);
    }
  });
}
