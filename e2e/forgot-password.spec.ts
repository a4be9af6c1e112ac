// "Forgot password?" end to end, against the real SMTP test server the global setup runs: the
// same answer for any email, a link that arrives by email and works once.
import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { listAuditByTarget } from "@/lib/db/audit";
import { inviteLinkIn, mailIn, waitForMail } from "@/lib/email/testing/mailbox";
import { seriousViolations } from "./fixtures/accessibility";
import { makeUser } from "./fixtures/users";
import { expect, test } from "./fixtures";

function mailDir(): string {
  const dir = process.env.E2E_MAILBOX_DIR;
  if (!dir) throw new Error("E2E_MAILBOX_DIR comes from e2e/global-setup.ts");
  return dir;
}

/** Asks for a link on the page and returns the answer's text with the email taken out. */
async function askForLink(page: Page, email: string): Promise<string> {
  await page.goto("/forgot-password");
  await expect(page.getByRole("button", { name: "Send reset link" })).toBeEnabled();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  const answer = page.getByRole("status");
  await expect(answer).toContainText("If an account exists for");
  return (await answer.innerText()).replace(email, "<email>");
}

test("the sign-in page links to it, and it has no serious accessibility violations in light or dark", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expect(page.getByRole("heading", { level: 1, name: "Forgot your password?" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await seriousViolations(page), "dark").toEqual([]);
});

test("an invalid email gets a message on the field and sends nothing", async ({ page }) => {
  await page.goto("/forgot-password");
  await expect(page.getByRole("button", { name: "Send reset link" })).toBeEnabled();
  await page.getByLabel("Email").fill("not an email <script>");
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Email")).toHaveValue("not an email <script>");
});

test("an unknown email gets the same answer as a real one; the real one's emailed link works once", async ({ page, browser }) => {
  const user = await makeUser("user", { name: "Forgetful Fran" });
  const unknown = `nobody-${randomUUID()}@e2e.test`;

  const forUnknown = await askForLink(page, unknown);
  const forKnown = await askForLink(page, user.email);
  expect(forKnown).toBe(forUnknown);

  const mail = await waitForMail(() => mailIn(mailDir()), (m) => m.to.includes(user.email));
  expect(mail.subject).toBe("Reset your Pre-Work password");
  expect(mailIn(mailDir()).some((m) => m.to.includes(unknown))).toBe(false);

  // The person opens the link from their mailbox, signed out, in a browser of their own.
  const link = inviteLinkIn(mail);
  const context = await browser.newContext();
  const own = await context.newPage();
  await own.goto(link);
  await expect(own.getByRole("heading", { level: 1, name: "Set a new password" })).toBeVisible();
  await expect(own.getByRole("button", { name: "Set password and sign in" })).toBeEnabled();
  await own.getByLabel("New password", { exact: true }).fill("a brand new passphrase 7");
  await own.getByLabel("Confirm password", { exact: true }).fill("a brand new passphrase 7");
  await own.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(own.getByText(`Signed in as ${user.email}`)).toBeVisible();

  await own.goto(link);
  await expect(own.getByRole("heading", { level: 1, name: "This link cannot be used" })).toBeVisible();
  await expect(own.getByRole("link", { name: "Send me a new link" })).toHaveAttribute("href", "/forgot-password");
  await context.close();

  const actions = (await listAuditByTarget(user.id, { limit: 20 })).items.map((e) => [e.action, e.details.outcome ?? e.details.via]);
  expect(actions).toEqual(expect.arrayContaining([["auth.password_reset_requested", "link_issued"], ["user.password_set", "reset"]]));
});
