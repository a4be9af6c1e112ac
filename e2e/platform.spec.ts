import { expect, test } from "./fixtures";
import { makeUser } from "./fixtures/users";
import { seriousViolations as scan } from "./fixtures/accessibility";

test("health reports DynamoDB and S3 reachable", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", checks: { dynamodb: "ok", s3: "ok" } });
});

test("pages carry security headers and run under the CSP without violations", async ({ login, page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto("/sign-in");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-powered-by"]).toBeUndefined();

  await login("admin");
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  expect(violations).toEqual([]);
});

test("session cookies are HttpOnly and SameSite", async ({ login, context }) => {
  await login("user");
  const session = (await context.cookies()).find((c) => c.name.includes("session-token"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
});

test("a tampered page cursor gets a clear message, not an error page", async ({ login, page }) => {
  await login("admin");
  await page.goto("/admin/users?cursor=eyJpZCI6IngifQ.forged");
  await expect(page.getByRole("alert").filter({ hasText: "This page link is no longer valid" })).toBeVisible();
});

test.describe("accessibility", () => {
  for (const scheme of ["light", "dark"] as const) {
    test(`sign-in, home, users and 403 pages have no serious or critical violations (${scheme})`, async ({ login, page }) => {
      // Four scans and two sign-ins, on a busy 2-core machine with the other workers running and
      // the admin home's activity chart to scan: past 30 s at times.
      test.setTimeout(60_000);
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto("/sign-in");
      expect(await scan(page), `sign-in (${scheme})`).toEqual([]);
      await login("admin");
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
      expect(await scan(page), `home (${scheme})`).toEqual([]);
      await page.goto("/admin/users");
      await expect(page.getByRole("table")).toBeVisible();
      expect(await scan(page), `users (${scheme})`).toEqual([]);
      await page.context().clearCookies();
      await login("user");
      await page.goto("/admin/users");
      expect(await scan(page), `forbidden (${scheme})`).toEqual([]);
    });
  }

  test("the sign-in form works from the keyboard alone", async ({ page }) => {
    const user = await makeUser("user");
    await page.goto("/sign-in");
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Email")).toBeFocused();
    await page.keyboard.type(user.email);
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Password")).toBeFocused();
    await page.keyboard.type("e2e password that is long enough");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
  });
});
