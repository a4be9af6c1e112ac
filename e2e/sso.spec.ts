// Single sign-on end to end against a real OpenID Provider (oidc-provider, started here on a
// free port): an existing user signs in through it, a stranger and a deactivated user are sent
// back to the sign-in page with a clear message, each audited; axe on the page with its provider
// button and with a refusal, light and dark. The app is a second server of the same build with
// SSO_PROVIDERS set, on a `localhost` URL: Next's NextURL rewrites 127.0.0.1 to localhost, so a
// loopback AUTH_URL of 127.0.0.1 would name two different redirect URIs to the provider.
import path from "node:path";
import type { Page } from "@playwright/test";
import { listAuditByAction, listAuditByTarget } from "@/lib/db/audit";
import { freePort } from "../scripts/local-stack";
import { type AppServer, startAppServer } from "./fixtures/app-server";
import { seriousViolations } from "./fixtures/accessibility";
import { OIDC_PROVIDER_ID, OIDC_PROVIDER_NAME, type OidcProviderHandle, startOidcProvider } from "./fixtures/oidc-provider";
import { deactivate, makeUser, uniqueEmail } from "./fixtures/users";
import { expect, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

let idp: OidcProviderHandle;
let server: AppServer;
let app: string;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const port = await freePort();
  app = `http://localhost:${port}`;
  idp = await startOidcProvider(app);
  server = await startAppServer({
    port,
    env: { AUTH_URL: app, AUTH_TRUST_HOST: "true", SSO_PROVIDERS: JSON.stringify([idp.config]), SSO_ALLOW_INSECURE_ISSUER: "true" },
    logFile: path.join(__dirname, "..", "test-results", "next-server-sso.log"),
  });
});

test.afterAll(async () => {
  await server?.stop();
  await idp?.stop();
});

const UNKNOWN = "No active account uses this email. Ask an admin to invite you.";
const INACTIVE = "This account has been deactivated. Ask an admin to reactivate it.";

/** From the app's sign-in page through the provider's own login and consent pages, as `email`. */
async function signInAtProvider(page: Page, email: string) {
  await page.goto(`${app}/sign-in`);
  await page.getByRole("button", { name: `Continue with ${OIDC_PROVIDER_NAME}` }).click();
  await page.locator('input[name="login"]').fill(email);
  await page.locator('input[name="password"]').fill("ignored by the test provider");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

async function scanBothSchemes(page: Page, what: string) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(page), `${what}, ${scheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

test("an existing user signs in through the OIDC provider", async ({ page }) => {
  const user = await makeUser("user", { withPassword: false });
  await page.goto(`${app}/sign-in`);
  await scanBothSchemes(page, "sign-in page with a provider");
  await signInAtProvider(page, user.email);
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
  const entries = (await listAuditByTarget(user.id, { limit: 50 })).items.filter((e) => e.action === "auth.sso_signed_in");
  expect(entries).toMatchObject([{ userId: user.id, details: { provider: OIDC_PROVIDER_ID, email: user.email } }]);
});

test("an unknown email is refused with a clear message", async ({ page }) => {
  const email = uniqueEmail("sso-stranger");
  await signInAtProvider(page, email);
  await expect(page).toHaveURL(/\/sign-in\?error=sso_unknown$/);
  await expect(page.getByText(UNKNOWN)).toBeVisible();
  await scanBothSchemes(page, "sign-in page with a refusal");
  const refused = (await listAuditByAction("auth.sso_refused", { limit: 100 })).items.find((e) => e.details.email === email);
  expect(refused).toMatchObject({ details: { provider: OIDC_PROVIDER_ID, reason: "unknown" } });
});

test("a deactivated user is refused", async ({ page }) => {
  const user = await makeUser("user");
  await deactivate(user);
  await signInAtProvider(page, user.email);
  await expect(page.getByText(INACTIVE)).toBeVisible();
  const entries = (await listAuditByTarget(user.id, { limit: 50 })).items.filter((e) => e.action === "auth.sso_refused");
  expect(entries).toMatchObject([{ details: { reason: "inactive" } }]);
});
