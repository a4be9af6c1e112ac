import { listAuditByActor } from "@/lib/db/audit";
import { expect, test } from "./fixtures";
import { deactivate, makeUser, PASSWORD, signInThroughForm as signIn, signOutFromMenu } from "./fixtures/users";

const GENERIC = "That email and password do not match an active account.";

test.describe("sign-in", () => {
  test("an admin signs in and sees the users list", async ({ page }) => {
    const admin = await makeUser("admin");
    await signIn(page, admin);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
    await expect(page.getByRole("cell", { name: admin.email })).toBeVisible();
  });

  test("a wrong password and an unknown email get the same generic error", async ({ page }) => {
    const user = await makeUser("user");
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText(GENERIC);
    await expect(page).toHaveURL(/\/sign-in/);

    await page.getByLabel("Email").fill("nobody-here@e2e.test");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText(GENERIC);
  });

  test("a deactivated user cannot sign in", async ({ page }) => {
    const user = await makeUser("user");
    await deactivate(user);
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText(GENERIC);
  });

  test("a signed-in user who is deactivated is signed out on the next request", async ({ page }) => {
    const user = await makeUser("user");
    await signIn(page, user);
    await deactivate(user);
    await page.reload();
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole("heading", { name: "Sign in to Pre-Work" })).toBeVisible();
  });

  test("signing out ends the session", async ({ page }) => {
    const user = await makeUser("manager");
    await signIn(page, user);
    await signOutFromMenu(page);
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);

    const actions = (await listAuditByActor(user.id)).items;
    expect(actions.map((e) => e.action).slice(0, 2)).toEqual(["auth.signed_out", "auth.signed_in"]);
    // Address and agent come from the browser's request.
    expect(actions[1]).toMatchObject({ ipAddress: "127.0.0.1", userAgent: expect.stringContaining("Chrome") });
  });

  test("sign-in follows only same-site callback paths", async ({ page }) => {
    const user = await makeUser("admin");
    await page.goto("/sign-in?callbackUrl=//evil.example/steal");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe("/");
  });
});

test.describe("roles", () => {
  test("a user with role user gets no Users link and is refused /admin/users", async ({ page }) => {
    const user = await makeUser("user");
    await signIn(page, user);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toHaveCount(0);
    const response = await page.goto("/admin/users");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
    await expect(page.getByRole("main").getByText(user.email, { exact: true })).toHaveCount(0);
  });

  test("a manager may list users", async ({ page }) => {
    const manager = await makeUser("manager");
    await signIn(page, manager);
    await page.goto("/admin/users?role=manager");
    await expect(page.getByRole("cell", { name: manager.email })).toBeVisible();
    await expect(page.getByLabel("Role", { exact: true })).toHaveValue("manager");
  });

  test("signed-out visitors are sent to sign-in", async ({ page }) => {
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});
