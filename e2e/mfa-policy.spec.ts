// MFA_REQUIRED_ROLES: a second server of the same build, on the same stack, requires a second
// factor of admins and managers. An admin without one is taken to the setup page after signing
// in and every other page sends them back there, until they have set it up; a plain user is not
// asked. (The shared e2e server keeps the setting empty, so the other specs are unaffected.)
import path from "node:path";
import { Secret, TOTP } from "otpauth";
import { freePort } from "../scripts/local-stack";
import { type AppServer, startAppServer } from "./fixtures/app-server";
import { expect, test } from "./fixtures";
import { makeUser, PASSWORD } from "./fixtures/users";

let server: AppServer;

test.describe.configure({ mode: "default" });

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const logFile = path.join(__dirname, "..", "test-results", "next-server-mfa-policy.log");
  // AUTH_URL empty: redirects follow this server's own address rather than the shared server's.
  server = await startAppServer({ port: await freePort(), env: { MFA_REQUIRED_ROLES: "admin,manager", AUTH_URL: "", AUTH_TRUST_HOST: "true" }, logFile });
});

test.afterAll(async () => {
  await server?.stop();
});

async function signIn(page: import("@playwright/test").Page, email: string) {
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("an admin without a second factor is sent to set one up, and every other page sends them back until it is on", async ({ page }) => {
  test.slow();
  const admin = await makeUser("admin");
  await signIn(page, admin.email);
  await expect(page).toHaveURL(/\/account\/security$/);
  await expect(page.getByText("Your role requires two-factor authentication. Set it up to continue.")).toBeVisible();

  for (const blocked of ["/", "/admin/users", "/admin/audit", "/profiles"]) {
    await page.goto(`${server.url}${blocked}`);
    await expect(page, blocked).toHaveURL(/\/account\/security$/);
  }

  const section = page.getByRole("region", { name: "Two-factor authentication" });
  await section.getByRole("button", { name: "Set up two-factor authentication" }).click();
  const keyLabel = await section.getByLabel(/^Setup key:/).getAttribute("aria-label");
  const key = keyLabel!.replace("Setup key:", "").replace(/\s+/g, "");
  const code = new TOTP({ secret: Secret.fromBase32(key), digits: 6, period: 30, algorithm: "SHA1" }).generate();
  await section.getByLabel("Enter the 6-digit code the app shows").fill(code);
  await section.getByRole("button", { name: "Turn on" }).click();
  await expect(section.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await section.getByRole("button", { name: "I have saved my codes" }).click();
  await expect(section.getByText("On", { exact: true })).toBeVisible();
  // Required for this role: it cannot be turned off.
  await expect(section.getByRole("button", { name: "Turn off" })).toHaveCount(0);

  await page.goto(`${server.url}/admin/users`);
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
});

test("a plain user is not asked for a second factor", async ({ page }) => {
  const user = await makeUser("user");
  await signIn(page, user.email);
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
  await page.goto(`${server.url}/profiles`);
  await expect(page).toHaveURL(/\/profiles$/);
});
