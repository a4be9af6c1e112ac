// The users list on a phone (issue #15 point 8): at 390 × 844 the rows are cards (name, email,
// role, status and the row's actions, nothing scrolling sideways), the filters open in a drawer
// ("Filters (n)"), the bulk bar sits in the flow and covers no card, and the page passes axe in
// light and dark. As an admin and as a manager.
import { randomBytes, randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { newInvite } from "@/lib/db/invites";
import { getUser } from "@/lib/db/users";
import type { Role } from "@/lib/validation/users";
import { expect, test } from "./fixtures";
import { seriousViolations } from "./fixtures/accessibility";
import { makeUser, uniqueEmail } from "./fixtures/users";

test.use({ viewport: { width: 390, height: 844 } });

const tag = () => randomBytes(4).toString("hex");
const cardOf = (page: Page, name: string) => page.locator("table tbody tr").filter({ has: page.getByRole("link", { name, exact: true }) });
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

async function seed(t: string) {
  const id = randomUUID();
  const invite = newInvite(id, "invite");
  const invited = await makeUser("user", {
    name: `Ivy ${t} Phone-invitee-with-a-rather-long-name`,
    email: uniqueEmail(`a-very-long-local-part-for-the-phone-${t}`),
    withPassword: false,
    create: { id, invite: invite.put, inviteExpiresAt: invite.expiresAt },
  });
  const active = await makeUser("user", { name: `Abe ${t} Phone` });
  const manager = await makeUser("manager", { name: `Meg ${t} Phone` });
  return { invited, active, manager };
}

for (const role of ["admin", "manager"] as const satisfies readonly Role[]) {
  test(`as ${role === "admin" ? "an admin" : "a manager"}: cards with status and actions, a filter drawer, no sideways scroll`, async ({ login, page }) => {
    test.slow(); // two colour schemes, several scans
    const t = tag();
    await login(role, { name: `Phone ${role} ${t}` });
    const { invited, active, manager } = await seed(t);
    await page.goto(`/admin/users?q=${t}`);

    const card = cardOf(page, active.name);
    await expect(card).toBeVisible();
    // The table's column headings are gone; each card says what it shows.
    await expect(page.getByRole("columnheader", { name: "Email" })).toBeHidden();
    for (const text of [active.email, "user", "Active"]) await expect(card.getByText(text, { exact: true })).toBeVisible();
    await expect(cardOf(page, invited.name).getByText("Invited", { exact: true })).toBeVisible();
    await expect(cardOf(page, manager.name).getByText("manager", { exact: true })).toBeVisible();
    // A card is as wide as the screen allows, and no wider.
    const box = (await card.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await fitsWidth(page)).toBe(true);

    // The row's action is reachable on the card: deactivate, after the confirmation.
    const deactivate = card.getByRole("button", { name: `Deactivate ${active.name}` });
    await deactivate.scrollIntoViewIfNeeded();
    await deactivate.click();
    await page.getByRole("dialog", { name: `Deactivate ${active.name}?` }).getByRole("button", { name: "Deactivate" }).click();
    await expect(card.getByText("Deactivated", { exact: true })).toBeVisible();
    await expect.poll(async () => (await getUser(active.id, { consistent: true }))?.isActive).toBe(false);
    // A manager may not change another manager: no action on that card.
    if (role === "manager") await expect(cardOf(page, manager.name).getByRole("button")).toHaveCount(0);

    // Selecting a card brings the bulk bar into the flow above the cards: it covers none of them.
    await card.getByRole("checkbox", { name: `Select ${active.name}` }).check();
    const bar = page.getByRole("region", { name: "Bulk actions" });
    await expect(bar).toBeVisible();
    const barBox = (await bar.boundingBox())!;
    for (const row of await page.locator("table tbody tr").all()) {
      const rowBox = (await row.boundingBox())!;
      expect(rowBox.y >= barBox.y + barBox.height || rowBox.y + rowBox.height <= barBox.y).toBe(true);
    }
    expect(await fitsWidth(page)).toBe(true);
    await bar.getByRole("button", { name: "Clear selection" }).click();

    // The filters open in a drawer and apply from there.
    await expect(page.getByLabel("Status", { exact: true })).toBeHidden();
    await page.getByRole("button", { name: "Filters (0)" }).click();
    const drawer = page.getByRole("dialog", { name: "Filters" });
    await expect(drawer).toBeVisible();
    expect(await seriousViolations(page), "filter drawer").toEqual([]);
    await drawer.getByLabel("Status", { exact: true }).selectOption({ label: "Invited" });
    await drawer.getByRole("button", { name: "Show results" }).click();
    await expect(drawer).toBeHidden();
    await expect.poll(() => new URL(page.url()).searchParams.get("status")).toBe("invited");
    await expect(cardOf(page, invited.name)).toBeVisible();
    await expect(cardOf(page, active.name)).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Filters (1)" })).toBeVisible();
    expect(await fitsWidth(page)).toBe(true);

    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`/admin/users?q=${t}`);
      await expect(cardOf(page, invited.name)).toBeVisible();
      expect(await fitsWidth(page), `users list (${scheme})`).toBe(true);
      expect(await seriousViolations(page), `users list at 390 px (${scheme})`).toEqual([]);
      await page.goto(`/admin/users/${invited.id}`);
      await expect(page.getByRole("heading", { level: 1, name: invited.name })).toBeVisible();
      expect(await fitsWidth(page), `user page (${scheme})`).toBe(true);
      expect(await seriousViolations(page), `user page at 390 px (${scheme})`).toEqual([]);
    }
  });
}
