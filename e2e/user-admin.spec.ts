// Creating, viewing, editing, deactivating and reactivating users as an admin and as a manager,
// with the server refusing what the UI hides, two people editing at once, hostile input, and
// an accessibility and keyboard pass over each page.
//
// Longer than the 300-line limit on purpose: a spec lists one area's behaviours, and splitting user
// administration's would scatter them. The helpers below drive these pages alone; shared ones
// (tabTo, uniqueEmail, makeUser) live in e2e/fixtures/.
import { randomUUID } from "node:crypto";
import type { Browser, Locator, Page } from "@playwright/test";
import { listAuditByTarget } from "@/lib/db/audit";
import { getUser, getUserByEmail, updateUser } from "@/lib/db/users";
import { type User } from "@/lib/validation/users";
import { expect, test } from "./fixtures";
import { makeUser, signIn, uniqueEmail } from "./fixtures/users";
import { tabTo } from "./fixtures/keyboard";
import { callServerAction } from "./fixtures/server-actions";
import { seriousViolations as scan } from "./fixtures/accessibility";

const field = (page: Page, label: "Name" | "Email" | "Role") => page.getByLabel(label, { exact: true });
const alertWith = (page: Page, text: string | RegExp) => page.getByRole("alert").filter({ hasText: text });

async function fillUser(page: Page, values: { name?: string; email?: string; role?: "Admin" | "Manager" | "User" }): Promise<void> {
  if (values.name !== undefined) await field(page, "Name").fill(values.name);
  if (values.email !== undefined) await field(page, "Email").fill(values.email);
  if (values.role) await field(page, "Role").selectOption({ label: values.role });
}

async function submitCreate(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Create user and link" }).click();
}

async function save(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Save changes" }).click();
}

/** The field shows this error, tied to it for assistive technology. */
async function expectFieldError(input: Locator, message: string | RegExp): Promise<void> {
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect(input).toHaveAccessibleDescription(message);
}

async function expectNoFieldError(input: Locator): Promise<void> {
  await expect(input).not.toHaveAttribute("aria-invalid", "true");
}

/** Submit buttons are enabled once React has hydrated the form (typing before would be lost). */
async function formReady(page: Page, submit: string): Promise<void> {
  await expect(page.getByRole("button", { name: submit })).toBeEnabled();
}

async function openNew(page: Page): Promise<void> {
  await page.goto("/admin/users/new");
  await formReady(page, "Create user and link");
}

async function openUser(page: Page, user: { id: string; name: string }): Promise<void> {
  await page.goto(`/admin/users/${user.id}`);
  await expect(page.getByRole("heading", { level: 1, name: user.name, exact: true })).toBeVisible();
  if (await page.getByRole("button", { name: "Save changes" }).count()) await formReady(page, "Save changes");
}

async function signedInPage(browser: Browser, baseURL: string | undefined, user: User): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, user);
  return page;
}

async function current(id: string): Promise<User> {
  const user = await getUser(id, { consistent: true });
  if (!user) throw new Error(`no user ${id}`);
  return user;
}

test.describe("creating users", () => {
  test("an admin sees each error on its field, a taken email on the email field, then creates the user", async ({ login, page }) => {
    test.slow(); // many round trips
    await login("admin");
    const existing = await makeUser("user");
    await openNew(page);
    await expect(page.getByRole("heading", { level: 1, name: "Invite a user" })).toBeVisible();
    await expect(field(page, "Role").locator("option")).toHaveText(["Admin", "Manager", "User"]);
    await expect(field(page, "Role")).toHaveValue("user");

    await submitCreate(page);
    await expectFieldError(field(page, "Name"), "Name is required.");
    await expectFieldError(field(page, "Email"), "Email is required.");
    await expect(field(page, "Name")).toBeFocused();
    await expect(alertWith(page, "Please correct the highlighted fields.")).toBeVisible();

    await fillUser(page, { name: "Carla Create", email: "not-an-email" });
    await submitCreate(page);
    await expectNoFieldError(field(page, "Name"));
    await expectFieldError(field(page, "Email"), "Enter a valid email address.");

    // Taken in another spelling: the server refuses it on the email field.
    await fillUser(page, { email: `  ${existing.email.toUpperCase()} ` });
    await submitCreate(page);
    await expectFieldError(field(page, "Email"), "A user with this email already exists.");
    await expect(field(page, "Email")).toBeFocused();
    await expect(field(page, "Name")).toHaveValue("Carla Create");

    const email = uniqueEmail("carla");
    await fillUser(page, { email, role: "Manager" });
    await submitCreate(page);
    await expect(page.getByRole("heading", { name: "Invitation ready" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Invitation ready" })).toBeFocused();
    const created = await getUserByEmail(email);
    expect(created).toMatchObject({ name: "Carla Create", role: "manager", isActive: true, version: 1 });

    await page.getByRole("button", { name: "Invite another" }).click();
    await expect(field(page, "Name")).toHaveValue("");
    await expect(field(page, "Role")).toHaveValue("user");
    await fillUser(page, { name: "Carla Again", email: uniqueEmail("again") });
    await submitCreate(page);
    await page.getByRole("link", { name: "Go to user" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Carla Again" })).toBeVisible();
    await expect(page).toHaveURL(/\/admin\/users\/[0-9a-f-]{36}$/);
  });

  test("a manager may create only users, and the server refuses a direct call for any other role", async ({ login, page }) => {
    await login("manager");
    await openNew(page);
    await expect(field(page, "Role").locator("option")).toHaveText(["User"]);
    await expect(field(page, "Role")).toHaveAccessibleDescription("You may create users with the user role only.");

    const email = uniqueEmail("by-manager");
    await fillUser(page, { name: "Mia Managed", email });
    await submitCreate(page);
    await expect(page.getByRole("heading", { name: "Invitation ready" })).toBeVisible();
    expect(await getUserByEmail(email)).toMatchObject({ role: "user" });

    const sneaky = uniqueEmail("sneaky-admin");
    for (const role of ["admin", "manager"] as const) {
      const result = await callServerAction<{ ok: boolean; error?: string }>(page, "lib/actions/users/create-user.ts", "createUserAction", {
        name: "Sneaky",
        email: sneaky,
        role,
      });
      expect(result).toEqual({ ok: false, error: "You may not create a user with this role." });
    }
    expect(await getUserByEmail(sneaky)).toBeNull();
  });

  test("a user with role user may not open the create page", async ({ login, page }) => {
    await login("user");
    const response = await page.goto("/admin/users/new");
    expect(response?.status()).toBe(403);
    await expect(page.getByLabel("Name", { exact: true })).toHaveCount(0);
  });
});

test.describe("the user page", () => {
  test("shows the account, an empty profiles section and recent activity by and to the user", async ({ page }) => {
    const admin = await makeUser("admin", { name: "Ada Activity" });
    const subject = await makeUser("user", { name: "Sam Subject" });
    await updateUser(subject.id, 1, { name: "Sam Subject" + " Jr" }, { actorId: admin.id });
    const renamed = await current(subject.id);
    await signIn(page, admin);
    await openUser(page, renamed);

    const account = page.getByRole("region", { name: "Account" });
    await expect(account.getByText(subject.email)).toBeVisible();
    await expect(account.getByText("Active", { exact: true })).toBeVisible();
    await expect(account.getByText("Never", { exact: true })).toBeVisible();

    const profiles = page.getByRole("region", { name: "Profiles" });
    await expect(profiles.getByText("Sam Subject Jr has no profiles yet.")).toBeVisible();

    const activity = page.getByRole("region", { name: "Recent activity" });
    const updated = activity.getByRole("listitem").filter({ hasText: "Ada Activity updated Sam Subject Jr's account" });
    await expect(updated.getByRole("list", { name: "Changes" })).toHaveText("name: Sam Subject → changed to Sam Subject Jr");
    await expect(updated.locator("time")).toHaveAttribute("datetime", renamed.updatedAt);
    await expect(activity.getByText("A test fixture created Sam Subject Jr's account as user")).toBeVisible();
    await expect(activity.getByRole("link", { name: "Full audit timeline" })).toHaveAttribute("href", `/admin/audit?target=${subject.id}`);

    // The admin's own page lists what they did to others too.
    await openUser(page, admin);
    await expect(page.getByRole("region", { name: "Recent activity" }).getByText("Ada Activity updated Sam Subject Jr's account")).toBeVisible();
  });

  test("unknown and malformed ids get the not-found page", async ({ login, page }) => {
    await login("admin");
    for (const id of [randomUUID(), "not-a-uuid", "x".repeat(3000)]) {
      await page.goto(`/admin/users/${id}`);
      await expect(page.getByRole("heading", { level: 1, name: "User not found" })).toBeVisible();
      // The page streams behind the users loading boundary, so the status is already sent when
      // the user turns out not to exist; Next marks the page noindex instead of a 404.
      await expect(page.locator('meta[name="robots"][content*="noindex"]').first()).toBeAttached();
    }
  });
});

test.describe("editing users", () => {
  test("an admin sees errors on the right fields and a taken email on the email field; a save shows in the activity", async ({ login, page }) => {
    await login("admin");
    const other = await makeUser("user");
    const subject = await makeUser("user", { name: "Eddie Edit" });
    await openUser(page, subject);

    await fillUser(page, { name: "   ", email: "nope" });
    await save(page);
    await expectFieldError(field(page, "Name"), "Name is required.");
    await expectFieldError(field(page, "Email"), "Enter a valid email address.");
    await expect(alertWith(page, "Please correct the highlighted fields.")).toBeVisible();

    await fillUser(page, { name: "Edwina Edit", email: other.email });
    await save(page);
    await expectFieldError(field(page, "Email"), "A user with this email already exists.");
    await expectNoFieldError(field(page, "Name"));
    expect(await current(subject.id)).toMatchObject({ name: "Eddie Edit", email: subject.email, version: 1 });

    const email = uniqueEmail("edwina");
    await fillUser(page, { email, role: "Manager" });
    await save(page);
    await expect(page.getByText("Changes saved.")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "Edwina Edit" })).toBeVisible();
    expect(await current(subject.id)).toMatchObject({ name: "Edwina Edit", email, role: "manager", version: 2 });
    // The guard moved with the email: the old address is free again, the new one is taken.
    expect(await getUserByEmail(subject.email)).toBeNull();
    expect((await getUserByEmail(email))?.id).toBe(subject.id);

    const changes = page
      .getByRole("region", { name: "Recent activity" })
      .getByRole("listitem")
      .filter({ hasText: "updated Edwina Edit's account" })
      .getByRole("list", { name: "Changes" });
    await expect(changes).toContainText("name: Eddie Edit");
    await expect(changes).toContainText("Edwina Edit");
    await expect(changes).toContainText(`email: ${subject.email}`);
    await expect(changes).toContainText("role: user");

    // Saved values are the form's new starting point: a second save goes through.
    await fillUser(page, { name: "Edwina Edited" });
    await save(page);
    await expect(page.getByRole("heading", { level: 1, name: "Edwina Edited" })).toBeVisible();
    expect(await current(subject.id)).toMatchObject({ name: "Edwina Edited", version: 3 });
  });

  test("deactivate then reactivate from the user page, each after a confirmation", async ({ login, page }) => {
    await login("admin");
    const subject = await makeUser("user", { name: "Dana Deactivate" });
    await openUser(page, subject);
    const account = page.getByRole("region", { name: "Account" });

    await page.getByRole("button", { name: "Deactivate user" }).click();
    const dialog = page.getByRole("dialog", { name: "Deactivate Dana Deactivate?" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    expect((await current(subject.id)).isActive).toBe(true);

    await page.getByRole("button", { name: "Deactivate user" }).click();
    await dialog.getByRole("button", { name: "Deactivate" }).click();
    await expect(page.getByText("Dana Deactivate was deactivated.")).toBeVisible();
    await expect(account.getByText("Deactivated", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Issue password link" })).toHaveCount(0);
    expect(await current(subject.id)).toMatchObject({ isActive: false, version: 2 });

    await page.getByRole("button", { name: "Reactivate user" }).click();
    const again = page.getByRole("dialog", { name: "Reactivate Dana Deactivate?" });
    await again.getByRole("button", { name: "Reactivate" }).click();
    await expect(page.getByText("Dana Deactivate was reactivated.")).toBeVisible();
    await expect(account.getByText("Active", { exact: true })).toBeVisible();
    expect(await current(subject.id)).toMatchObject({ isActive: true, version: 3 });

    // The form follows this page's own status changes: an edit now is not a conflict.
    await fillUser(page, { name: "Dana Back" });
    await save(page);
    await expect(page.getByRole("heading", { level: 1, name: "Dana Back" })).toBeVisible();

    const actions = (await listAuditByTarget(subject.id)).items.map((e) => e.action);
    expect(actions.slice(0, 3)).toEqual(["user.updated", "user.reactivated", "user.deactivated"]);
  });

  test("an admin can neither deactivate themselves nor change their own role from their page", async ({ login, page }) => {
    const admin = await login("admin", { name: "Self Admin" });
    await openUser(page, admin);
    await expect(page.getByText("You cannot deactivate your own account.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Deactivate user" })).toHaveCount(0);
    await expect(page.getByRole("combobox", { name: "Role" })).toHaveCount(0);
    await expect(page.getByText("(you cannot change your own role)")).toBeVisible();
    // Their name stays theirs to edit.
    await fillUser(page, { name: "Self Admin Renamed" });
    await save(page);
    await expect(page.getByRole("heading", { level: 1, name: "Self Admin Renamed" })).toBeVisible();
    expect(await current(admin.id)).toMatchObject({ name: "Self Admin Renamed", role: "admin", isActive: true });
  });

  test("a manager edits, deactivates and reactivates a user, but sees admins and managers read-only", async ({ login, page }) => {
    await login("manager");
    const admin = await makeUser("admin", { name: "Alma Admin" });
    const peer = await makeUser("manager", { name: "Pia Peer" });
    const subject = await makeUser("user", { name: "Uma User" });

    await openUser(page, subject);
    await expect(page.getByRole("combobox", { name: "Role" })).toHaveCount(0);
    await expect(page.getByText("(only admins change roles)")).toBeVisible();
    await fillUser(page, { name: "Uma Updated" });
    await save(page);
    await expect(page.getByRole("heading", { level: 1, name: "Uma Updated" })).toBeVisible();

    await page.getByRole("button", { name: "Deactivate user" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
    await expect(page.getByRole("button", { name: "Reactivate user" })).toBeVisible();
    expect((await current(subject.id)).isActive).toBe(false);
    await page.getByRole("button", { name: "Reactivate user" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Reactivate" }).click();
    await expect(page.getByRole("button", { name: "Deactivate user" })).toBeVisible();
    expect(await current(subject.id)).toMatchObject({ name: "Uma Updated", role: "user", isActive: true, version: 4 });

    for (const target of [admin, peer]) {
      await openUser(page, target);
      await expect(page.getByText("You can view this account but not change it")).toBeVisible();
      await expect(page.getByRole("heading", { name: "Edit account" })).toHaveCount(0);
      await expect(field(page, "Name")).toHaveCount(0);
      await expect(page.getByRole("button", { name: /Deactivate|Reactivate|Save|Issue password link/ })).toHaveCount(0);
    }
  });

  test("the server refuses a manager's stale form once the user has been made a manager", async ({ login, page }) => {
    await login("manager");
    const admin = await makeUser("admin");
    const subject = await makeUser("user", { name: "Sid Stale" });
    await openUser(page, subject);
    await fillUser(page, { name: "Sid Hijacked" });

    // Meanwhile, elsewhere, an admin promotes them.
    const promoted = await updateUser(subject.id, 1, { role: "manager" }, { actorId: admin.id });
    expect(promoted.role).toBe("manager");

    await save(page);
    await expect(alertWith(page, "You do not have permission to do that.")).toBeVisible();
    expect(await current(subject.id)).toEqual(promoted);

    // Status changes from the same stale page are refused as well.
    await page.getByRole("button", { name: "Deactivate user" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
    await expect(alertWith(page, "You do not have permission to do that.").last()).toBeVisible();
    expect(await current(subject.id)).toEqual(promoted);

    await page.reload();
    await expect(page.getByText("You can view this account but not change it")).toBeVisible();
  });

  test("two people edit the same user: the second save shows the other person's change and nothing is lost", async ({ browser, baseURL }) => {
    test.slow(); // two browser contexts, two sign-ins
    const ada = await makeUser("admin", { name: "Editor Ada" });
    const bo = await makeUser("admin", { name: "Editor Bo" });
    const subject = await makeUser("user", { name: "Cora Conflict" });
    const pageA = await signedInPage(browser, baseURL, ada);
    const pageB = await signedInPage(browser, baseURL, bo);
    await openUser(pageA, subject);
    await openUser(pageB, subject);

    await fillUser(pageA, { name: "Cora by Ada" });
    await save(pageA);
    await expect(pageA.getByText("Changes saved.")).toBeVisible();

    const boEmail = uniqueEmail("cora-by-bo");
    await fillUser(pageB, { email: boEmail });
    await save(pageB);
    const conflict = alertWith(pageB, "changed this user since you opened it");
    await expect(conflict).toContainText("Editor Ada changed this user since you opened it");
    const row = conflict.getByRole("row", { name: /^Name/ });
    await expect(row.getByRole("cell")).toHaveText(["Cora by Ada", "Cora Conflict"]);
    await expect(conflict.getByRole("row")).toHaveCount(2);
    await expect(field(pageB, "Email")).toHaveValue(boEmail);
    expect(await current(subject.id)).toMatchObject({ name: "Cora by Ada", email: subject.email, version: 2 });

    // Bo keeps his edit on top of Ada's version and saves: both changes stand.
    await pageB.getByRole("button", { name: "Keep my edits on their version" }).click();
    await expect(conflict).toHaveCount(0);
    await expect(field(pageB, "Name")).toHaveValue("Cora by Ada");
    await expect(field(pageB, "Email")).toHaveValue(boEmail);
    await save(pageB);
    await expect(pageB.getByText("Changes saved.")).toBeVisible();
    expect(await current(subject.id)).toMatchObject({ name: "Cora by Ada", email: boEmail, version: 3 });

    // Ada's page is now the stale one; she takes Bo's version instead of her new edit.
    await fillUser(pageA, { name: "Cora again by Ada" });
    await save(pageA);
    const conflictA = alertWith(pageA, "Editor Bo changed this user since you opened it");
    await expect(conflictA).toBeVisible();
    await expect(conflictA.getByRole("row", { name: /^Email/ }).getByRole("cell")).toHaveText([boEmail, subject.email]);
    await pageA.getByRole("button", { name: "Reload their version" }).click();
    await expect(field(pageA, "Name")).toHaveValue("Cora by Ada");
    await expect(field(pageA, "Email")).toHaveValue(boEmail);
    expect(await current(subject.id)).toMatchObject({ name: "Cora by Ada", email: boEmail, version: 3 });
    await fillUser(pageA, { name: "Cora final" });
    await save(pageA);
    await expect(pageA.getByRole("heading", { level: 1, name: "Cora final" })).toBeVisible();
    expect(await current(subject.id)).toMatchObject({ name: "Cora final", email: boEmail, version: 4 });

    await pageA.context().close();
    await pageB.context().close();
  });
});

test.describe("hostile input", () => {
  test("markup is stored and shown as text; overlong, invisible and control characters are refused on their field", async ({ login, page }) => {
    test.slow(); // three users created and shown
    await login("admin");
    await openNew(page);

    const cases: Array<{ name: string; email?: string; field: "Name" | "Email"; error: string }> = [
      { name: "x".repeat(10_000), field: "Name", error: "Name must be at most 100 characters." },
      { name: "Evil\u202Egnp.exe", field: "Name", error: "Name contains invisible or control characters." },
      { name: "Zero\u200BWidth", field: "Name", error: "Name contains invisible or control characters." },
      { name: "Scripted Email", email: "<script>alert(1)</script>@e2e.test", field: "Email", error: "Enter a valid email address." },
    ];
    for (const c of cases) {
      await fillUser(page, { name: c.name, email: c.email ?? uniqueEmail("hostile") });
      await submitCreate(page);
      await expectFieldError(field(page, c.field), c.error);
      await expect(page.getByRole("heading", { name: "Invitation ready" })).toHaveCount(0);
    }
    // The server applies the same rules to a direct call.
    const direct = await callServerAction<{ ok: boolean; fieldErrors?: Record<string, string[]> }>(page, "lib/actions/users/create-user.ts", "createUserAction", {
      name: "y".repeat(10_000),
      email: uniqueEmail("direct"),
      role: "user",
    });
    expect(direct).toMatchObject({ ok: false, fieldErrors: { name: ["Name must be at most 100 characters."] } });

    const shown: string[] = ["<script>window.__pwned=1</script>", "👩🏽‍💻 Emoji Person", "<img src=x onerror=window.__pwned=1>"];
    for (const name of shown) {
      const email = uniqueEmail("shown");
      await openNew(page);
      await fillUser(page, { name, email });
      await submitCreate(page);
      await expect(page.getByRole("heading", { name: "Invitation ready" })).toBeVisible();
      await expect(page.getByRole("region", { name: "Invitation ready" }).getByText(name, { exact: true })).toBeVisible();
      await page.getByRole("link", { name: "Go to user" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
      await expect(field(page, "Name")).toHaveValue(name);
      expect((await getUserByEmail(email))?.name).toBe(name);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
      await expect(page.locator("main script, main img")).toHaveCount(0);
    }

    // Editing applies the same rules.
    await fillUser(page, { name: "Right\u202Eto left" });
    await save(page);
    await expectFieldError(field(page, "Name"), "Name contains invisible or control characters.");
  });
});

test.describe("accessibility", () => {
  for (const scheme of ["light", "dark"] as const) {
    test(`the create and user pages have no serious or critical axe violations (${scheme})`, async ({ page }) => {
      test.slow(); // eight scans
      const admin = await makeUser("admin");
      const manager = await makeUser("manager");
      const subject = await makeUser("user", { name: "Axe Subject" });
      await updateUser(subject.id, 1, { name: "Axe Subject Renamed" }, { actorId: admin.id });
      await page.emulateMedia({ colorScheme: scheme });
      await signIn(page, admin);

      await openNew(page);
      await submitCreate(page);
      await expect(field(page, "Name")).toHaveAttribute("aria-invalid", "true");
      expect(await scan(page), `create form with errors (${scheme})`).toEqual([]);
      await fillUser(page, { name: "Axe Invitee", email: uniqueEmail("axe") });
      await submitCreate(page);
      await expect(page.getByRole("heading", { name: "Invitation ready" })).toBeVisible();
      expect(await scan(page), `invitation ready (${scheme})`).toEqual([]);

      await openUser(page, await current(subject.id));
      await fillUser(page, { name: "", email: "bad" });
      await save(page);
      await expect(field(page, "Name")).toHaveAttribute("aria-invalid", "true");
      expect(await scan(page), `user page with errors (${scheme})`).toEqual([]);
      await page.getByRole("button", { name: "Deactivate user" }).click();
      await expect(page.getByRole("dialog")).toBeVisible();
      expect(await scan(page), `deactivate dialog (${scheme})`).toEqual([]);
      await page.keyboard.press("Escape");

      // Someone else's change, for the conflict alert.
      const now = await current(subject.id);
      await updateUser(subject.id, now.version, { name: `Axe Subject ${scheme}` }, { actorId: manager.id });
      await fillUser(page, { name: "Mine", email: uniqueEmail("axe-mine") });
      await save(page);
      // Scanned once the page has refreshed to name who made the change (and retitled itself).
      await expect(alertWith(page, "E2E Manager changed this user since you opened it")).toBeVisible();
      await expect(page).toHaveTitle(`Axe Subject ${scheme} · Pre-Work`);
      expect(await scan(page), `conflict (${scheme})`).toEqual([]);

      await page.context().clearCookies();
      await signIn(page, manager);
      await openNew(page);
      expect(await scan(page), `create form, manager (${scheme})`).toEqual([]);
      await page.goto(`/admin/users/${admin.id}`);
      await expect(page.getByText("You can view this account but not change it")).toBeVisible();
      expect(await scan(page), `read-only user page (${scheme})`).toEqual([]);
      await page.goto(`/admin/users/${randomUUID()}`);
      expect(await scan(page), `user not found (${scheme})`).toEqual([]);
    });
  }

  test("creating, editing and deactivating work with the keyboard alone", async ({ login, page }) => {
    await login("admin");
    await openNew(page);

    await tabTo(page, field(page, "Name"));
    await page.keyboard.type("Kai Keyboard");
    await page.keyboard.press("Tab");
    await expect(field(page, "Email")).toBeFocused();
    const email = uniqueEmail("kai");
    await page.keyboard.type(email);
    await page.keyboard.press("Tab");
    await expect(field(page, "Role")).toBeFocused();
    await page.keyboard.press("ArrowUp");
    await expect(field(page, "Role")).toHaveValue("manager");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Create user and link" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Invitation ready" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Set-password link")).toBeFocused();
    await tabTo(page, page.getByRole("link", { name: "Go to user" }));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1, name: "Kai Keyboard" })).toBeVisible();

    await tabTo(page, field(page, "Name"));
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("Kai Keys");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1, name: "Kai Keys" })).toBeVisible();

    await tabTo(page, page.getByRole("button", { name: "Deactivate user" }));
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Deactivate Kai Keys?" });
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(dialog.getByRole("button", { name: "Deactivate" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("button", { name: "Reactivate user" })).toBeVisible();
    expect((await getUserByEmail(email))?.isActive).toBe(false);
  });
});
