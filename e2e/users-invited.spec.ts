// Faces and states of the users area (issue #15 points 3 and 9): the "Invited" status in the
// list, its filter and counts, and "Resend invite" from a row as an admin and from the user page
// as a manager (the old link stops working, the new one works); "previous sign-in" on your own
// page and in your own row, the latest on someone else's; a filter change keeping the old rows
// dimmed and busy while the new ones load; focus on the result message after a save.
import { randomBytes, randomUUID } from "node:crypto";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Browser, Page } from "@playwright/test";
import { listAuditByTarget } from "@/lib/db/audit";
import { db, table } from "@/lib/db/client";
import { newInvite } from "@/lib/db/invites";
import { getUser } from "@/lib/db/users";
import type { Role } from "@/lib/validation/users";
import { expect, test } from "./fixtures";
import { makeUser, signIn, uniqueEmail } from "./fixtures/users";

const tag = () => randomBytes(4).toString("hex");

/** An invited user as the create action makes one (invite in the user's transaction), with the link's path. */
async function invitedUser(name: string, role: Role = "user") {
  const id = randomUUID();
  const invite = newInvite(id, "invite");
  const user = await makeUser(role, { name, email: uniqueEmail("invited"), withPassword: false, create: { id, invite: invite.put, inviteExpiresAt: invite.expiresAt } });
  return { user, path: `/invite/${invite.token}` };
}

/** Makes the user's current link look two minutes old, so a resend is not held back. */
async function ageInvite(userId: string): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: table("invites"),
      Key: { userId },
      UpdateExpression: "SET issuedAt = :old",
      ExpressionAttributeValues: { ":old": new Date(Date.now() - 120_000).toISOString() },
    }),
  );
}

const rowOf = (page: Page, name: string) => page.locator("table tbody tr").filter({ has: page.getByRole("link", { name, exact: true }) });

async function setPasswordThrough(browser: Browser, baseURL: string | undefined, link: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const invitee = await context.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("button", { name: "Set password and sign in" })).toBeEnabled();
  await invitee.getByLabel("New password", { exact: true }).fill("a fresh passphrase 42");
  await invitee.getByLabel("Confirm password", { exact: true }).fill("a fresh passphrase 42");
  await invitee.getByRole("button", { name: "Set password and sign in" }).click();
  // The outcome takes focus while the redirect signs them in; then the home page.
  await expect(invitee).toHaveURL(/\/$/);
  return invitee;
}

async function expectDeadLink(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "This link cannot be used" })).toBeVisible();
}

test.describe("the invited status", () => {
  test("an admin sees Invited in the list, filters and counts by it, and resends from the row", async ({ login, page, browser, baseURL }) => {
    test.slow(); // two browser contexts
    const t = tag();
    await login("admin", { name: `Inv admin ${t}` });
    const { user: ivy, path } = await invitedUser(`Ivy ${t} Invitee`);
    const active = await makeUser("user", { name: `Ada ${t} Active` });

    await page.goto(`/admin/users?q=${t}`);
    await expect(rowOf(page, ivy.name).getByText("Invited", { exact: true })).toBeVisible();
    await expect(rowOf(page, active.name).getByText("Active", { exact: true })).toBeVisible();
    // A search count is exact up to its bound: both of this test's users (and the admin).
    await expect(page.getByText("3 users", { exact: true })).toBeVisible();

    await page.getByLabel("Status", { exact: true }).selectOption({ label: "Invited" });
    await expect.poll(() => new URL(page.url()).searchParams.get("status")).toBe("invited");
    await expect(rowOf(page, ivy.name)).toBeVisible();
    await expect(rowOf(page, active.name)).toHaveCount(0);
    await expect(page.getByText("1 user", { exact: true })).toBeVisible();

    // Just invited: the first resend is held back (a minute between two).
    await rowOf(page, ivy.name).getByRole("button", { name: `Resend invite to ${ivy.name}` }).click();
    await expect(page.getByText(/less than 60 seconds ago/)).toBeVisible();
    await ageInvite(ivy.id);
    await rowOf(page, ivy.name).getByRole("button", { name: `Resend invite to ${ivy.name}` }).click();
    const panel = page.locator("[aria-labelledby=resent-invite-heading]");
    await expect(panel).toBeFocused();
    await expect(panel).toContainText(`A new invitation for ${ivy.name} is ready`);
    const fresh = await panel.getByLabel("Set-password link").inputValue();
    expect(new URL(fresh).pathname).not.toBe(path);
    expect((await listAuditByTarget(ivy.id)).items.map((e) => e.action)).toContain("user.invite_resent");

    const other = await browser.newContext({ baseURL });
    const otherPage = await other.newPage();
    await expectDeadLink(otherPage, path);
    await other.close();
    const invitee = await setPasswordThrough(browser, baseURL, fresh);
    await invitee.context().close();

    // Active now: the invited filter no longer lists them, the active one does.
    await page.reload();
    await expect(page.getByRole("region", { name: "User results" })).toHaveCount(0);
    await expect(page.getByText("No users match these filters")).toBeVisible();
    await page.getByLabel("Status", { exact: true }).selectOption({ label: "Active" });
    await expect(rowOf(page, ivy.name).getByText("Active", { exact: true })).toBeVisible();
    expect((await getUser(ivy.id, { consistent: true }))?.invitedAt).toBeUndefined();
  });

  test("a manager resends an invitation from the user page, but not to an invited manager", async ({ login, page, browser, baseURL }) => {
    test.slow();
    const t = tag();
    await login("manager", { name: `Inv manager ${t}` });
    const { user: ivy, path } = await invitedUser(`Ivo ${t} Invitee`);
    const { user: boss } = await invitedUser(`Mona ${t} Manager`, "manager");

    await page.goto(`/admin/users?q=${t}`);
    await expect(rowOf(page, boss.name).getByText("Invited", { exact: true })).toBeVisible();
    await expect(rowOf(page, boss.name).getByRole("button", { name: /Resend invite/ })).toHaveCount(0);

    await page.goto(`/admin/users/${ivy.id}`);
    await expect(page.getByRole("region", { name: "Account" }).getByText("Invited", { exact: true })).toBeVisible();
    await ageInvite(ivy.id);
    await page.getByRole("button", { name: "Resend invite" }).click();
    await expect(page.getByRole("status").filter({ hasText: "A new invitation is ready" })).toBeFocused();
    const fresh = await page.getByLabel("Set-password link").inputValue();
    await expect(page.getByRole("region", { name: "Recent activity" }).getByText(new RegExp(`sent ${ivy.name} a new invitation`))).toBeVisible();

    const old = await browser.newContext({ baseURL });
    await expectDeadLink(await old.newPage(), path);
    await old.close();
    const invitee = await setPasswordThrough(browser, baseURL, fresh);
    await invitee.context().close();
    await page.reload();
    await expect(page.getByRole("region", { name: "Account" }).getByText("Active", { exact: true })).toBeVisible();
  });
});

test.describe("previous sign-in", () => {
  test("your own page, row and home show the sign-in before this session; someone else's page their latest", async ({ page }) => {
    const t = tag();
    const admin = await makeUser("admin", { name: `Pria ${t} Previous` });
    // Two sign-ins: the first (another browser, say), then this one.
    await signIn(page, admin);
    const first = (await getUser(admin.id, { consistent: true }))!.lastSignInAt!;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await signIn(page, admin);
    const current = (await getUser(admin.id, { consistent: true }))!.lastSignInAt!;
    expect(current > first).toBe(true);

    await page.goto(`/admin/users/${admin.id}`);
    const account = page.getByRole("region", { name: "Account" });
    await expect(account.getByText("Previous sign-in")).toBeVisible();
    await expect(account.locator("time").last()).toHaveAttribute("datetime", first);
    await expect(account.getByText("(before this session)")).toBeVisible();

    await page.goto(`/admin/users?q=${t}`);
    const own = rowOf(page, admin.name);
    await expect(own.locator("td").nth(6).locator("time")).toHaveAttribute("datetime", first);
    await expect(own.getByText("(yours before this session)")).toBeVisible();

    await page.goto("/");
    await expect(page.getByRole("main")).toContainText("previous sign-in");
    // In the greeting's line (the recent activity below lists that sign-in too).
    await expect(page.getByRole("paragraph").filter({ hasText: "previous sign-in" }).locator(`time[datetime="${first}"]`)).toBeVisible();

    const other = await makeUser("user", { name: `Oli ${t} Other` });
    const ctx = await page.context().browser()!.newContext();
    const otherPage = await ctx.newPage();
    await signIn(otherPage, other);
    await ctx.close();
    const latest = (await getUser(other.id, { consistent: true }))!.lastSignInAt!;
    await page.goto(`/admin/users/${other.id}`);
    const theirs = page.getByRole("region", { name: "Account" });
    await expect(theirs.getByText("Latest sign-in")).toBeVisible();
    await expect(theirs.locator(`time[datetime="${latest}"]`)).toBeVisible();
  });
});

test.describe("states you can see", () => {
  test("a filter change keeps the old rows, dimmed and busy, until the new ones arrive", async ({ login, page }) => {
    const t = tag();
    await login("admin", { name: `Pend admin ${t}` });
    const kept = await makeUser("user", { name: `Pat ${t} Pending` });
    await makeUser("manager", { name: `Max ${t} Pending` });
    await page.goto(`/admin/users?q=${t}`);
    await expect(rowOf(page, kept.name)).toBeVisible();

    // Server actions POST to the page: the list's next read is held back for a while.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(
      (url) => url.pathname === "/admin/users",
      async (route) => {
        if (route.request().method() === "POST") await held;
        await route.fallback();
      },
    );
    await page.getByLabel("Role", { exact: true }).selectOption({ label: "Manager" });
    const results = page.getByRole("region", { name: "User results" });
    await expect(results).toHaveAttribute("aria-busy", "true");
    await expect(page.getByRole("progressbar", { name: "Loading users" })).toBeVisible();
    // The rows being replaced stay on screen meanwhile.
    await expect(rowOf(page, kept.name)).toBeVisible();
    release();
    await expect(results).not.toHaveAttribute("aria-busy", "true");
    await expect(rowOf(page, kept.name)).toHaveCount(0);
    await expect(page.getByRole("progressbar", { name: "Loading users" })).toHaveCount(0);
  });

  test("after a save on the user page focus is on the result message", async ({ login, page }) => {
    await login("admin");
    const subject = await makeUser("user", { name: "Fay Focus" });
    await page.goto(`/admin/users/${subject.id}`);
    await expect(page.getByRole("button", { name: "Save changes" })).toBeEnabled();
    await page.getByLabel("Name", { exact: true }).fill("Fay Focused");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Changes saved." })).toBeFocused();
    // Typing again hides it: it is about the values as saved.
    await page.getByLabel("Name", { exact: true }).fill("Fay Refocused");
    await expect(page.getByText("Changes saved.")).toHaveCount(0);
  });
});
