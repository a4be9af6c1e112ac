// Passkeys end to end with Chromium's virtual authenticator (CDP WebAuthn domain): adding one
// from the account page, signing in with it as the second step after the password and alone
// (passwordless), removing it, after which it signs nobody in; axe on the account page with a
// passkey listed, light and dark. WebAuthn refuses an IP address as the relying-party id, so
// the app is a second server of the same build on a `localhost` URL (as e2e/sso.spec.ts does),
// whose AUTH_URL gives the RP id `localhost` and the origin.
import path from "node:path";
import type { Page } from "@playwright/test";
import { listAuditByTarget } from "@/lib/db/audit";
import { freePort } from "../scripts/local-stack";
import { seriousViolations } from "./fixtures/accessibility";
import { type AppServer, startAppServer } from "./fixtures/app-server";
import { makeUser, PASSWORD, signOutFromMenu } from "./fixtures/users";
import { expect, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

let server: AppServer;
let app: string;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const port = await freePort();
  app = `http://localhost:${port}`;
  server = await startAppServer({
    port,
    env: { AUTH_URL: app, AUTH_TRUST_HOST: "true" },
    logFile: path.join(__dirname, "..", "test-results", "next-server-passkeys.log"),
  });
});

test.afterAll(async () => {
  await server?.stop();
});

/** A platform authenticator that keeps discoverable credentials and verifies the person, as a laptop's does. */
async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  return {
    credentials: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials,
  };
}

async function scanBothSchemes(page: Page, what: string) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(page), `${what}, ${scheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

const welcome = (page: Page) => expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible({ timeout: 15_000 });

async function passwordStep(page: Page, email: string) {
  await page.goto(`${app}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function signOut(page: Page) {
  await signOutFromMenu(page);
  await expect(page).toHaveURL(/\/sign-in/);
}

async function signedInEntries(userId: string) {
  return (await listAuditByTarget(userId, { limit: 100 })).items.filter((e) => e.action === "auth.signed_in");
}

test("add a passkey, sign in with it after the password and without one, remove it, and then it signs nobody in", async ({ page }) => {
  test.slow();
  const authenticator = await addVirtualAuthenticator(page);
  const user = await makeUser("user");
  await passwordStep(page, user.email);
  await welcome(page);

  // Add one from the account page: a bad name is refused on the field first.
  await page.goto(`${app}/account/security`);
  const section = page.getByRole("region", { name: "Passkeys" });
  await section.getByRole("button", { name: "Add a passkey" }).click();
  const name = section.getByLabel("Passkey name");
  await name.fill("   ");
  await section.getByRole("button", { name: "Create passkey" }).click();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  expect(await authenticator.credentials()).toHaveLength(0);

  await name.fill("Work laptop");
  await section.getByLabel(/Also use it to sign in without a password/).check();
  await section.getByRole("button", { name: "Create passkey" }).click();
  const list = section.getByRole("list", { name: "Your passkeys" });
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list.getByText("Work laptop")).toBeVisible();
  await expect(list.getByText("Passwordless sign-in")).toBeVisible();
  await expect(list.getByText(/Last used never/)).toBeVisible();
  expect(await authenticator.credentials()).toHaveLength(1);
  await scanBothSchemes(page, "account page with a passkey");
  const registered = (await listAuditByTarget(user.id, { limit: 100 })).items.filter((e) => e.action === "passkey.registered");
  expect(registered).toMatchObject([{ userId: user.id, details: { name: "Work laptop", passwordless: true } }]);

  // The password alone is not enough any more: the second step asks for the passkey.
  await signOut(page);
  await passwordStep(page, user.email);
  await expect(page.getByText("Confirm it is you with one of your passkeys.")).toBeVisible();
  await scanBothSchemes(page, "sign-in, passkey step");
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await welcome(page);
  expect(await signedInEntries(user.id)).toEqual(expect.arrayContaining([expect.objectContaining({ details: expect.objectContaining({ secondFactor: "passkey" }) })]));

  // Without a password.
  await signOut(page);
  await page.getByRole("button", { name: "Continue with a passkey" }).click();
  await welcome(page);
  expect(await signedInEntries(user.id)).toEqual(expect.arrayContaining([expect.objectContaining({ details: expect.objectContaining({ passwordless: true }) })]));

  await page.goto(`${app}/account/security`);
  await expect(list.getByText(/Last used never/)).toHaveCount(0);

  // Remove it, after a confirmation.
  await list.getByRole("button", { name: "Remove the passkey Work laptop" }).click();
  const dialog = page.getByRole("dialog", { name: "Remove this passkey?" });
  await dialog.getByRole("button", { name: "Remove passkey" }).click();
  await expect(list).toHaveCount(0);
  await expect(section.getByText("None", { exact: true })).toBeVisible();
  const removed = (await listAuditByTarget(user.id, { limit: 100 })).items.filter((e) => e.action === "passkey.removed");
  expect(removed).toMatchObject([{ userId: user.id, details: { name: "Work laptop" } }]);

  // The authenticator still holds it, but it signs nobody in; the password alone does again.
  await signOut(page);
  expect(await authenticator.credentials()).toHaveLength(1);
  await page.getByRole("button", { name: "Continue with a passkey" }).click();
  await expect(page.getByText("That passkey did not sign you in. Use another one, or sign in with your password.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  await passwordStep(page, user.email);
  await welcome(page);
});

test("a passkey meant only for the second step does not sign in without the password", async ({ page }) => {
  await addVirtualAuthenticator(page);
  const user = await makeUser("user");
  await passwordStep(page, user.email);
  await welcome(page);
  await page.goto(`${app}/account/security`);
  const section = page.getByRole("region", { name: "Passkeys" });
  await section.getByRole("button", { name: "Add a passkey" }).click();
  await section.getByLabel("Passkey name").fill("Second step only");
  await section.getByRole("button", { name: "Create passkey" }).click();
  await expect(section.getByRole("list", { name: "Your passkeys" }).getByText("Second step only")).toBeVisible();

  await signOut(page);
  await page.getByRole("button", { name: "Continue with a passkey" }).click();
  await expect(page.getByText("That passkey did not sign you in. Use another one, or sign in with your password.")).toBeVisible();
  await passwordStep(page, user.email);
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await welcome(page);
});
