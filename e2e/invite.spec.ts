// The set-password link end to end: an admin invites, the invitee chooses a password and is
// signed in; used, expired and replaced links say so and change nothing.
import { randomUUID } from "node:crypto";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Browser, Page } from "@playwright/test";
import { listAuditByTarget } from "@/lib/db/audit";
import { db, table } from "@/lib/db/client";
import { findInvite, INVALID_LINK, newInvite } from "@/lib/db/invites";
import { getCredentialsByEmail } from "@/lib/db/user-sign-in";
import { getUserByEmail } from "@/lib/db/users";
import { expect, test } from "./fixtures";
import { seriousViolations as scan } from "./fixtures/accessibility";
import { tabTo } from "./fixtures/keyboard";
import { makeUser, uniqueEmail } from "./fixtures/users";

const NEW_PASSWORD = "a fresh passphrase 42";
const INVALID = INVALID_LINK;

/** An invited user made as the create action makes one, with the link's path. */
async function invitedUser(name = "Invited Person") {
  const id = randomUUID();
  const invite = newInvite(id, "invite");
  const user = await makeUser("user", { name, email: uniqueEmail("invitee"), withPassword: false, create: { id, invite: invite.put, inviteExpiresAt: invite.expiresAt } });
  return { user, path: `/invite/${invite.token}` };
}

/** Moves the user's current link into the past (TTL would delete it a little later anyway). */
async function expireInvite(userId: string): Promise<void> {
  const past = new Date(Date.now() - 60_000);
  await db().send(
    new UpdateCommand({
      TableName: table("invites"),
      Key: { userId },
      UpdateExpression: "SET expiresAtEpoch = :epoch, expiresAt = :iso",
      ConditionExpression: "attribute_exists(userId)",
      ExpressionAttributeValues: { ":epoch": Math.floor(past.getTime() / 1000), ":iso": past.toISOString() },
    }),
  );
}

/** Makes the user's current link look two minutes old, so a resend is not held back. */
async function ageInvite(userId: string): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: table("invites"),
      Key: { userId },
      UpdateExpression: "SET issuedAt = :old",
      ConditionExpression: "attribute_exists(userId)",
      ExpressionAttributeValues: { ":old": new Date(Date.now() - 120_000).toISOString() },
    }),
  );
}

async function passwordHashOf(email: string): Promise<string | null> {
  return (await getCredentialsByEmail(email))?.passwordHash ?? null;
}

/** A page in a browser context of its own: the invitee is not the admin. */
async function freshPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  return context.newPage();
}

async function expectDeadLink(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name: "This link cannot be used" })).toBeVisible();
  await expect(page.getByText(INVALID)).toBeVisible();
  await expect(page.getByLabel("New password", { exact: true })).toHaveCount(0);
}

/** Opens a live link and waits until the form has hydrated (typing before would be lost). */
async function openLink(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await expect(page.getByRole("button", { name: "Set password and sign in" })).toBeEnabled();
}

async function setPassword(page: Page, password = NEW_PASSWORD, confirm = password): Promise<void> {
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Confirm password", { exact: true }).fill(confirm);
  await page.getByRole("button", { name: "Set password and sign in" }).click();
}

async function expectSignedInHome(page: Page, email: string): Promise<void> {
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
}

async function inviteThroughUi(page: Page, name: string, email: string, role: "Admin" | "Manager" | "User" = "User"): Promise<string> {
  await page.goto("/admin/users/new");
  await expect(page.getByRole("button", { name: "Create user and link" })).toBeEnabled();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: role });
  await page.getByRole("button", { name: "Create user and link" }).click();
  await expect(page.getByRole("heading", { name: "Invitation ready" })).toBeVisible();
  const url = await page.getByLabel("Set-password link").inputValue();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/invite\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
  return url;
}

test.describe("invitations", () => {
  test("an admin invites a user, who sets a password (rules shown as they type) and is signed in", async ({ login, page, browser, baseURL, context }) => {
    test.slow(); // two browser contexts, two sign-ins
    await login("admin");
    const email = uniqueEmail("Invitee").toUpperCase();
    const url = await inviteThroughUi(page, "Ines Invitee", email, "Manager");
    await expect(page.getByText(/Works once; expires \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/)).toBeVisible();

    // The copy button puts the link on the clipboard.
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(url).origin });
    await page.getByRole("button", { name: "Copy" }).click();
    await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

    // Stored lower-cased, with a 72-hour link.
    const created = await getUserByEmail(email);
    expect(created).toMatchObject({ name: "Ines Invitee", email: email.toLowerCase(), role: "manager", isActive: true });
    const invite = await findInvite(new URL(url).pathname.split("/").pop()!);
    const hours = (Date.parse(invite!.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThanOrEqual(72);

    const invitee = await freshPage(browser, baseURL);
    await openLink(invitee, url);
    await expect(invitee.getByRole("heading", { level: 1, name: "Welcome, Ines Invitee" })).toBeVisible();
    const rules = invitee.getByRole("list", { name: "Password rules" }).getByRole("listitem");
    await expect(rules).toHaveCount(3);
    await expect(rules.filter({ hasText: "(not met yet)" })).toHaveCount(3);
    await invitee.getByLabel("New password", { exact: true }).fill("short1");
    await expect(rules.filter({ hasText: "At least 12 characters" })).toContainText("(not met yet)");
    await expect(rules.filter({ hasText: "Letters and at least one number or symbol" })).toContainText("(met)");
    await setPassword(invitee);
    await expectSignedInHome(invitee, email.toLowerCase());
    expect(await passwordHashOf(email)).toMatch(/^\$argon2id\$/);

    // The link is spent.
    await invitee.goto(url);
    await expectDeadLink(invitee);

    const actions = (await listAuditByTarget(created!.id)).items.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["user.created", "user.invited", "user.password_set", "auth.signed_in"]));
    await invitee.context().close();
  });

  test("an expired link says so, and a link that expires while the form is open changes nothing", async ({ page, browser, baseURL }) => {
    const { user, path } = await invitedUser("Eve Expired");
    await openLink(page, path);
    await expect(page.getByRole("heading", { name: "Welcome, Eve Expired" })).toBeVisible();
    await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Confirm password", { exact: true }).fill(NEW_PASSWORD);

    await expireInvite(user.id);
    await page.getByRole("button", { name: "Set password and sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: INVALID })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    expect(await passwordHashOf(user.email)).toBeNull();
    expect((await listAuditByTarget(user.id)).items.map((e) => e.action)).not.toContain("user.password_set");

    const other = await freshPage(browser, baseURL);
    await other.goto(path);
    await expectDeadLink(other);
    await other.context().close();
  });

  test("a garbled or unknown link says so", async ({ page }) => {
    await page.goto("/invite/not-a-token");
    await expectDeadLink(page);
    await page.goto(`/invite/${randomUUID()}.${"A".repeat(43)}`);
    await expectDeadLink(page);
  });

  test("resending an invitation makes the earlier link stop working; once active, a reset link is offered instead", async ({ login, page, browser, baseURL }) => {
    test.slow(); // two browser contexts, two sign-ins
    await login("admin");
    const email = uniqueEmail("reset");
    const first = await inviteThroughUi(page, "Rita Reset", email);
    await page.getByRole("link", { name: "Go to user" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Rita Reset" })).toBeVisible();
    const account = page.getByRole("region", { name: "Account" });
    await expect(account.getByText("Invited", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Issue password link" })).toHaveCount(0);

    // Right after the invitation a resend waits a minute; the invitation is made older here.
    const user = (await getUserByEmail(email))!;
    await page.getByRole("button", { name: "Resend invite" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /less than 60 seconds ago/ })).toBeVisible();
    await ageInvite(user.id);
    await page.getByRole("button", { name: "Resend invite" }).click();
    await expect(page.getByRole("status").filter({ hasText: "A new invitation is ready" })).toBeFocused();
    const second = await page.getByLabel("Set-password link").inputValue();
    expect(second).not.toBe(first);
    await expect(page.getByRole("region", { name: "Recent activity" }).getByText(/sent Rita Reset a new invitation/)).toBeVisible();

    const invitee = await freshPage(browser, baseURL);
    await invitee.goto(first);
    await expectDeadLink(invitee);
    await openLink(invitee, second);
    await setPassword(invitee);
    await expectSignedInHome(invitee, email);
    await invitee.goto(second);
    await expectDeadLink(invitee);
    await invitee.context().close();

    await page.reload();
    await expect(account.getByText("Active", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Resend invite" })).toHaveCount(0);
    await page.getByRole("button", { name: "Issue password link" }).click();
    const dialog = page.getByRole("dialog", { name: "Issue a new password link for Rita Reset?" });
    await dialog.getByRole("button", { name: "Issue link" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("status").filter({ hasText: "A new password link is ready" })).toBeFocused();
    const reset = await page.getByLabel("Set-password link").inputValue();
    const other = await freshPage(browser, baseURL);
    await openLink(other, reset);
    await expect(other.getByRole("heading", { level: 1, name: "Set a new password" })).toBeVisible();
    await other.context().close();
  });

  test("the password form shows each problem on its own field and sets nothing", async ({ page }) => {
    const { user, path } = await invitedUser("Pat Password");
    await openLink(page, path);
    await page.getByRole("button", { name: "Set password and sign in" }).click();
    const password = page.getByLabel("New password", { exact: true });
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expect(password).toHaveAccessibleDescription(/Password needs: at least 12 characters\./);
    await expect(password).toBeFocused();
    await expect(page.getByRole("alert").filter({ hasText: "Please correct the highlighted fields." })).toBeVisible();

    await setPassword(page, NEW_PASSWORD, `${NEW_PASSWORD}!`);
    const confirm = page.getByLabel("Confirm password", { exact: true });
    await expect(confirm).toHaveAttribute("aria-invalid", "true");
    await expect(confirm).toHaveAccessibleDescription("The passwords do not match.");
    await expect(password).not.toHaveAttribute("aria-invalid", "true");

    await setPassword(page, "password password 1");
    await expect(password).toHaveAccessibleDescription(/Password needs: not a common password/);
    expect(await passwordHashOf(user.email)).toBeNull();
  });

  test("the invite page has no serious or critical axe violations, in light and dark", async ({ page }) => {
    test.slow(); // two colour schemes, two scans each
    const { path } = await invitedUser("Axel Axe");
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await openLink(page, path);
      await page.getByLabel("New password", { exact: true }).fill("weak");
      await page.getByRole("button", { name: "Set password and sign in" }).click();
      await expect(page.getByLabel("New password", { exact: true })).toHaveAttribute("aria-invalid", "true");
      expect(await scan(page), `invite form (${scheme})`).toEqual([]);
      await page.goto("/invite/nothing-here");
      await expectDeadLink(page);
      expect(await scan(page), `dead link (${scheme})`).toEqual([]);
    }
  });

  test("the invitee can set a password with the keyboard alone", async ({ page }) => {
    const { user, path } = await invitedUser("Kim Keys");
    await openLink(page, path);
    await tabTo(page, page.getByLabel("New password", { exact: true }), 25);
    await page.keyboard.type(NEW_PASSWORD);
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Confirm password", { exact: true })).toBeFocused();
    await page.keyboard.type(NEW_PASSWORD);
    await page.keyboard.press("Enter");
    await expectSignedInHome(page, user.email);
  });
});
