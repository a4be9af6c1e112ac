// Under TRUST_PROXY=none (the e2e server's setting) the audit log records the connection's
// address: headers a client sends to claim another one are ignored, on the sign-in form (a
// server action) and on next-auth's own endpoint (a route handler) alike.
import { listAuditByActor } from "@/lib/db/audit";
import { expect, test } from "./fixtures";
import { makeUser, PASSWORD } from "./fixtures/users";

const FORGED = { "X-Forwarded-For": "203.0.113.9", "X-Real-IP": "203.0.113.10", "CloudFront-Viewer-Address": "203.0.113.11:443" };

async function latest(actorId: string, action: string) {
  const entries = (await listAuditByActor(actorId)).items.filter((e) => e.action === action);
  return entries[0];
}

test("forged forwarding headers on the sign-in form do not reach the audit log", async ({ page }) => {
  const user = await makeUser("user");
  await page.setExtraHTTPHeaders(FORGED);
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toBeVisible();
  await expect.poll(async () => (await latest(user.id, "auth.sign_in_failed"))?.ipAddress).toBe("127.0.0.1");

  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
  expect(await latest(user.id, "auth.signed_in")).toMatchObject({ ipAddress: "127.0.0.1" });
});

test("forged forwarding headers on next-auth's callback endpoint do not reach the audit log", async ({ request }) => {
  const user = await makeUser("user");
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    headers: FORGED,
    form: { csrfToken, email: user.email, password: "not the password" },
    maxRedirects: 0,
  });
  expect(response.status()).toBeLessThan(400);
  await expect.poll(async () => (await latest(user.id, "auth.sign_in_failed"))?.ipAddress).toBe("127.0.0.1");
});
