// The home page for everyone (issue #15 point 6): a plain user's profiles with how complete
// they are, their recent activity and files; a manager's activity chart counting only what a
// manager may see; accessibility in light, dark and at phone width.
import type { Page } from "@playwright/test";
import { auditPut } from "@/lib/db/audit";
import { transact } from "@/lib/db/transact";
import { makeFile, makeProfileImage, pdfBytes, pngBytes } from "./fixtures/files";
import { makeProfile } from "./fixtures/profiles";
import { makeUser, signIn } from "./fixtures/users";
import { expect, test } from "./fixtures";
import { seriousViolations } from "./fixtures/accessibility";

async function scanAll(page: Page, label: string) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(page), `${label} (${scheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

test("a plain user's home shows their profiles with completeness, recent activity and files", async ({ page }) => {
  test.setTimeout(90_000);
  const user = await makeUser("user", { name: "Ines Home" });
  const personal = await makeProfile(user, { city: "Lisbon" }, "Personal", "personal");
  await makeProfileImage(user, personal.id, "avatar", pngBytes(16, 16));
  await makeProfile(user, {}, "Side project", "custom");
  await makeFile(user, { name: "payslip-march.pdf", type: "application/pdf", bytes: pdfBytes("march") });
  await signIn(page, user);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Welcome, Ines Home" })).toBeVisible();

  const profiles = page.getByRole("region", { name: "Your profiles" });
  const first = profiles.getByRole("listitem", { name: "Personal" });
  await expect(first.getByRole("progressbar", { name: "Completeness of Personal" })).toHaveAttribute("value", "66");
  await expect(first).toContainText("66% complete · default");
  await expect(first).toContainText("Missing: a background image.");
  const second = profiles.getByRole("listitem", { name: "Side project" });
  await expect(second.getByRole("progressbar", { name: "Completeness of Side project" })).toHaveAttribute("value", "0");
  await expect(second).toContainText("Missing: an avatar, a background image, details (custom fields).");
  await expect(first.getByRole("link", { name: "Personal" })).toHaveAttribute("href", `/profiles/${personal.id}`);

  const activity = page.getByRole("region", { name: "Your recent activity" });
  await expect(activity.getByText("Ines Home signed in").first()).toBeVisible();
  await expect(activity.getByRole("link", { name: "All your activity" })).toHaveAttribute("href", "/activity");

  const files = page.getByRole("region", { name: "Your recent files" });
  await expect(files.getByText("payslip-march.pdf")).toBeVisible();
  // The avatar is a profile image, not one of the documents.
  await expect(files.getByText("avatar.png")).toHaveCount(0);
  await expect(files.getByRole("link", { name: "All your files" })).toHaveAttribute("href", "/files");
  await expect(page.getByRole("figure")).toHaveCount(0);

  await scanAll(page, "user home");
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await scanAll(page, "user home at 390 px");
});

/** The "Users" count the home chart's table shows for the day `daysAgo` before today. */
async function usersOn(page: Page, daysAgo: number): Promise<number> {
  await page.goto("/");
  const figure = page.getByRole("figure", { name: /Audit entries per day/ });
  await figure.getByText("Show as table").click();
  // Newest first after the header row.
  return Number((await figure.getByRole("table").getByRole("row").nth(1 + daysAgo).getByRole("cell").nth(0).textContent())?.replace(/,/g, ""));
}

test("a manager's chart counts only entries a manager may see; an admin's counts all", async ({ browser }) => {
  test.setTimeout(90_000);
  const daysAgo = 26;
  const at = new Date(Date.now() - daysAgo * 86_400_000);
  const admin = await makeUser("admin");
  const manager = await makeUser("manager");
  const adminPage = await (await browser.newContext()).newPage();
  const managerPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, admin);
  await signIn(managerPage, manager);
  const [adminBefore, managerBefore] = [await usersOn(adminPage, daysAgo), await usersOn(managerPage, daysAgo)];

  const fail = (codes: string[]) => new Error(codes.join(","));
  const byAdmin = { actorId: admin.id, actorRole: "admin" };
  const byManager = { actorId: manager.id, actorRole: "manager" };
  await transact([auditPut(byAdmin, { action: "user.deactivated", details: {} }, at), auditPut(byAdmin, { action: "user.reactivated", details: {} }, at)], fail);
  await transact([auditPut(byManager, { action: "user.deactivated", details: {} }, at)], fail);

  expect(await usersOn(adminPage, daysAgo)).toBe(adminBefore + 3);
  expect(await usersOn(managerPage, daysAgo)).toBe(managerBefore + 1);
  await expect(managerPage.getByText("Counts leave out what admins did, as your audit log does.")).toBeVisible();
  await expect(managerPage.getByRole("region", { name: "Your recent activity" })).toBeVisible();
  await scanAll(managerPage, "manager home");
  await managerPage.setViewportSize({ width: 390, height: 844 });
  expect(await managerPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await scanAll(managerPage, "manager home at 390 px");
});
