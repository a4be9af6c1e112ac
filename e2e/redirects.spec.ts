// Deep links survive sign-in, and a crafted callbackUrl never takes anyone off this app
// (lib/auth/safe-redirect.ts, lib/auth/return-path.ts).
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { makeUser, PASSWORD } from "./fixtures/users";

async function submitSignIn(page: Page, email: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

const pathAndSearch = (page: Page) => {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
};

// A selection of lib/auth/safe-redirect.test.ts's payloads, each a different parser trick.
const PAYLOADS = ["//evil.example/x", "/\\evil.example", "https://evil.example", "/%09/evil.example", "javascript:alert(1)", "/.//evil.example", "\\/\\/evil.example"];

test.describe("deep links", () => {
  test("a signed-out manager opening a filtered users list lands exactly there after signing in", async ({ page }) => {
    const manager = await makeUser("manager");
    await page.goto("/admin/users?role=manager");
    expect(pathAndSearch(page)).toBe(`/sign-in?callbackUrl=${encodeURIComponent("/admin/users?role=manager")}`);
    await submitSignIn(page, manager.email);
    await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
    expect(pathAndSearch(page)).toBe("/admin/users?role=manager");
    await expect(page.getByLabel("Role", { exact: true })).toHaveValue("manager");
  });

  test("the recorded path cannot be chosen by the client", async ({ page }) => {
    await page.setExtraHTTPHeaders({ "x-prework-path": "//evil.example/x" });
    await page.goto("/files");
    expect(pathAndSearch(page)).toBe(`/sign-in?callbackUrl=${encodeURIComponent("/files")}`);
  });

  test("a signed-in visitor sent to sign-in goes straight to the (safe) callback", async ({ page }) => {
    const admin = await makeUser("admin");
    await page.goto("/sign-in?callbackUrl=%2Fadmin%2Fusers%3Frole%3Duser");
    await submitSignIn(page, admin.email);
    await expect(page).toHaveURL(/\/admin\/users\?role=user$/);
    await page.goto("/sign-in?callbackUrl=/files");
    await expect(page).toHaveURL(/\/files$/);
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("//evil.example/x")}`);
    expect(pathAndSearch(page)).toBe("/");
  });
});

test.describe("open redirects", () => {
  test("sign-in with a hostile callbackUrl ends on this app's home page", async ({ page, context, baseURL }) => {
    const user = await makeUser("user");
    for (const payload of PAYLOADS) {
      await context.clearCookies();
      await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(payload)}`);
      // The page does not even echo it into the form.
      await expect(page.locator('input[name="callbackUrl"]')).toHaveValue("/");
      await submitSignIn(page, user.email);
      await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
      expect(new URL(page.url()).origin, payload).toBe(new URL(baseURL!).origin);
      expect(pathAndSearch(page), payload).toBe("/");
    }
  });

  test("the sign-in action checks the callback itself, whatever the form carried", async ({ page, baseURL }) => {
    const user = await makeUser("user");
    for (const payload of ["//evil.example/x", "/\\evil.example", "https://evil.example/"]) {
      await page.context().clearCookies();
      await page.goto("/sign-in");
      await page.locator('input[name="callbackUrl"]').evaluate((input, value) => ((input as HTMLInputElement).value = value), payload);
      await submitSignIn(page, user.email);
      await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
      expect(new URL(page.url()).origin, payload).toBe(new URL(baseURL!).origin);
      expect(pathAndSearch(page), payload).toBe("/");
    }
  });
});
