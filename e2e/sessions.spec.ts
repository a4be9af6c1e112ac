import type { Browser, BrowserContext, Page } from "@playwright/test";
import { listAuditByTarget } from "@/lib/db/audit";
import { getUser, setUserActive } from "@/lib/db/users";
import { expect, test } from "./fixtures";
import { makeUser, openAccountMenu, signInThroughForm as signIn, signOutFromMenu } from "./fixtures/users";
import { callServerAction } from "./fixtures/server-actions";
import { seriousViolations } from "./fixtures/accessibility";

type Result = { ok: boolean; error?: string; data?: unknown };
const ACTIONS = "lib/actions/sessions/session-actions.ts";

const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

/** A second browser of the same person: its own cookie jar and session. */
async function browserContext(browser: Browser, baseURL: string, userAgent?: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, ...(userAgent ? { userAgent } : {}) });
  return { context, page: await context.newPage() };
}

async function expectSignedOut(page: Page) {
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { name: "Sign in to Pre-Work" })).toBeVisible();
}

test.describe("server-side sessions", () => {
  test("a copied session cookie stops working the moment its owner signs out", async ({ page, browser, baseURL }) => {
    const user = await makeUser("user");
    await signIn(page, user);
    const stolen = await browserContext(browser, baseURL!);
    await stolen.context.addCookies(await page.context().cookies());
    await stolen.page.goto("/");
    await expect(stolen.page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();

    await signOutFromMenu(page);
    await expect(page).toHaveURL(/\/sign-in/);
    await stolen.page.reload();
    await expectSignedOut(stolen.page);
    await stolen.context.close();
  });

  test("sign out of all other sessions ends the second browser on its next click and keeps this one", async ({ page, browser, baseURL }) => {
    const user = await makeUser("user");
    await signIn(page, user);
    const other = await browserContext(browser, baseURL!, FIREFOX);
    await signIn(other.page, user);

    await page.goto("/account/sessions");
    const list = page.getByRole("list", { name: "Your sessions" });
    await expect(list.getByRole("listitem")).toHaveCount(2);
    await expect(list.getByRole("listitem").filter({ hasText: "This browser" })).toContainText("Chrome");
    await expect(list.getByRole("listitem").filter({ hasText: "Firefox 128" })).toContainText("127.0.0.1");

    await page.getByRole("button", { name: "Sign out of all other sessions" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText("1 session was ended.")).toBeVisible();
    await expect(list.getByRole("listitem")).toHaveCount(1);

    await other.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Profiles" }).click();
    await expectSignedOut(other.page);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Your sessions" })).toBeVisible();

    const actions = (await listAuditByTarget(user.id)).items.map((e) => e.action);
    expect(actions[0]).toBe("session.revoked_all");
    await other.context.close();
  });

  test("an admin ends one of a user's two sessions and only that one ends", async ({ page, browser, baseURL }) => {
    const [admin, user] = await Promise.all([makeUser("admin"), makeUser("user", { name: "Two Sessions" })]);
    const firefox = await browserContext(browser, baseURL!, FIREFOX);
    const chrome = await browserContext(browser, baseURL!);
    await signIn(firefox.page, user);
    await signIn(chrome.page, user);

    await signIn(page, admin);
    await page.goto(`/admin/users/${user.id}`);
    const sessions = page.getByRole("list", { name: "Sessions of Two Sessions" });
    await expect(sessions.getByRole("listitem")).toHaveCount(2);
    await sessions.getByRole("listitem").filter({ hasText: "Firefox" }).getByRole("button", { name: /End session/ }).click();
    await page.getByRole("dialog").getByRole("button", { name: "End session" }).click();
    await expect(page.getByText("The session was ended.")).toBeVisible();
    await expect(sessions.getByRole("listitem")).toHaveCount(1);

    await firefox.page.reload();
    await expectSignedOut(firefox.page);
    await chrome.page.reload();
    await expect(chrome.page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();

    const [entry] = (await listAuditByTarget(user.id)).items;
    expect(entry).toMatchObject({ action: "session.revoked", userId: admin.id });
    await Promise.all([firefox.context.close(), chrome.context.close()]);
  });

  test("an admin's sign out everywhere ends all of a user's sessions", async ({ page, browser, baseURL }) => {
    const [admin, user] = await Promise.all([makeUser("admin"), makeUser("user", { name: "Everywhere User" })]);
    const theirs = await browserContext(browser, baseURL!);
    await signIn(theirs.page, user);
    await signIn(page, admin);
    await page.goto(`/admin/users/${user.id}`);
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText("1 session was ended.")).toBeVisible();
    await expect(page.getByText("Everywhere User is not signed in anywhere.")).toBeVisible();
    await theirs.page.reload();
    await expectSignedOut(theirs.page);
    await theirs.context.close();
  });

  test("a deactivated-then-reactivated user's old cookie does not come back to life", async ({ page }) => {
    const user = await makeUser("user");
    await signIn(page, user);
    const off = await setUserActive(user.id, user.version, false, { actorId: "e2e-fixture" });
    await setUserActive(user.id, off.version, true, { actorId: "e2e-fixture" });
    expect((await getUser(user.id, { consistent: true }))?.isActive).toBe(true);
    await page.reload();
    await expectSignedOut(page);
    // Signing in again works: only the old session ended.
    await signIn(page, user);
  });

  test("a manager may not see or end an admin's sessions, even by calling the actions", async ({ page, browser, baseURL }) => {
    const [manager, admin] = await Promise.all([makeUser("manager"), makeUser("admin", { name: "Guarded Admin" })]);
    const admins = await browserContext(browser, baseURL!);
    await signIn(admins.page, admin);
    await signIn(page, manager);
    await page.goto(`/admin/users/${admin.id}`);
    await expect(page.getByRole("heading", { level: 1, name: "Guarded Admin" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Sessions" })).toHaveCount(0);

    const all = await callServerAction<Result>(page, ACTIONS, "revokeAllSessionsAction", { userId: admin.id });
    expect(all).toEqual({ ok: false, error: "You do not have permission to do that." });
    const [session] = (await listAuditByTarget(admin.id)).items.filter((e) => e.action === "auth.signed_in").map((e) => String(e.details.sessionId));
    const one = await callServerAction<Result>(page, ACTIONS, "revokeSessionAction", { userId: admin.id, sessionId: session });
    expect(one).toEqual({ ok: false, error: "You do not have permission to do that." });
    const tampered = await callServerAction<Result>(page, ACTIONS, "revokeSessionAction", { userId: admin.id, sessionId: "../../etc" });
    expect(tampered).toMatchObject({ ok: false, fieldErrors: { sessionId: ["Unknown session."] } });
    await admins.page.reload();
    await expect(admins.page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
    await admins.context.close();
  });

  test("the sessions page has no serious or critical accessibility violations, in light and dark", async ({ page }) => {
    const user = await makeUser("user");
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.context().clearCookies();
      await signIn(page, user);
      await openAccountMenu(page);
      await page.getByRole("link", { name: "Sessions" }).click();
      await expect(page.getByRole("list", { name: "Your sessions" })).toBeVisible();
      expect(await seriousViolations(page), scheme).toEqual([]);
    }
  });
});
