// The users list (/admin/users): search, filters in the URL, paging, sorting, the status toggle,
// bulk changes, CSV export, what a manager and a user may do, hostile names, accessibility and
// the keyboard. The database is shared by every test of the run: each test makes users with a
// name prefix of its own and searches for it, and never assumes it sees only its own rows.
//
// Longer than the 300-line limit on purpose: a spec lists one area's behaviours, and splitting the
// users list's would scatter them. The helpers below read this page alone (its tabTo also goes
// backwards and throws when the target is never reached); shared ones live in e2e/fixtures/.
import { randomBytes, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { listAuditByTarget } from "@/lib/db/audit";
import { searchForm } from "@/lib/db/user-item";
import { getUser, getUsersByIds, setUserActive } from "@/lib/db/users";
import { type User } from "@/lib/validation/users";
import type { Role } from "@/lib/validation/users";
import { expect, type Login, test } from "./fixtures";
import { parseCsv } from "./fixtures/csv";
import { seriousViolations as serious } from "./fixtures/accessibility";
import { FIXTURE_CTX as fixture, makeUser } from "./fixtures/users";
import { callServerAction } from "./fixtures/server-actions";

const newTag = () => randomBytes(4).toString("hex");

interface SeedSpec {
  name: string;
  email?: string;
  role?: Role;
  active?: boolean;
}

/**
 * Users straight through the repository, without a password (never signed in): ten at a time,
 * since sixty transactions at once can outlast DynamoDB Local's sockets on a loaded machine.
 */
async function seedUsers(specs: SeedSpec[]): Promise<User[]> {
  const users: User[] = [];
  for (let i = 0; i < specs.length; i += 10) {
    users.push(...(await Promise.all(specs.slice(i, i + 10).map(({ name, email, role, active }) => makeUser(role, { name, email: email ?? `list-${randomUUID()}@e2e.test`, withPassword: false, active })))));
  }
  return users;
}

/** Signs in a user of `role` named apart from the rows the test searches for. */
const signInAs = (login: Login, role: Role) => login(role, { name: `List ${role} ${newTag()}` });

const nameCells = (page: Page) => page.locator("table tbody tr td:nth-child(2)");
const rowOf = (page: Page, name: string) => page.locator("table tbody tr").filter({ has: page.getByRole("link", { name, exact: true }) });
const searchBox = (page: Page) => page.getByLabel("Search", { exact: true });
const bulkBar = (page: Page) => page.getByRole("region", { name: "Bulk actions" });

/** The order the list sorts names in: lower-cased NFKC, then the id (DynamoDB compares UTF-8 bytes). */
const byName = (a: string, b: string) => Buffer.compare(Buffer.from(`${searchForm(a)}#`), Buffer.from(`${searchForm(b)}#`));
const sortedNames = (names: string[]) => [...names].sort(byName);

async function search(page: Page, text: string): Promise<void> {
  await searchBox(page).fill(text);
  await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe(text.trim());
}

/** Presses Tab (or Shift+Tab) until `target` has focus: the keyboard-only way to reach it. */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 40 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  throw new Error(`${String(target)} was not reached with ${max} presses of ${backwards ? "Shift+Tab" : "Tab"}`);
}

async function auditActions(userId: string) {
  return (await listAuditByTarget(userId, { limit: 100 })).items;
}

test.describe("users list as an admin", () => {
  test("searches by the start of any word of a name or email, a surname, a domain, whatever the case and accents", async ({ login, page }) => {
    const t = newTag();
    const prefix = `Zeta${t}`;
    await seedUsers([
      { name: `${prefix} Alpha`, email: `a-${t}@e2e.test` },
      { name: `${prefix} Beta`, email: `b-${t}@e2e.test` },
      // Found by its email only.
      { name: `Omega ${t}`, email: `zeta${t}-c@e2e.test` },
      // Found by a later word of the name, and by the email's domain.
      { name: `Avery Quillón${t}`, email: `avery@org-${t}.test` },
    ]);
    await signInAs(login, "admin");
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await page.goto("/admin/users");

    await search(page, prefix.toUpperCase());
    // By the word that matched, then by name: the email's "zeta…" word is the names' word too.
    await expect(nameCells(page)).toHaveText([`Omega ${t}`, `${prefix} Alpha`, `${prefix} Beta`]);

    await search(page, `zeta${t}-C@E2E`);
    await expect(nameCells(page)).toHaveText([`Omega ${t}`]);

    await search(page, `B-${t}@`);
    await expect(nameCells(page)).toHaveText([`${prefix} Beta`]);

    await search(page, `${prefix} al`);
    await expect(nameCells(page)).toHaveText([`${prefix} Alpha`]);

    // A surname, without its accent; a domain; the domain with its "@".
    await search(page, `QUILLON${t}`);
    await expect(nameCells(page)).toHaveText([`Avery Quillón${t}`]);
    await search(page, `org-${t}.test`);
    await expect(nameCells(page)).toHaveText([`Avery Quillón${t}`]);
    await expect(page.getByText("1 user", { exact: true })).toBeVisible();
    await search(page, `@org-${t}`);
    await expect(nameCells(page)).toHaveText([`Avery Quillón${t}`]);
    // No hydration mismatch or failed request along the way.
    expect(errors).toEqual([]);
  });

  test("keeps the view through a change, and the menu link starts afresh", async ({ login, page }) => {
    const t = newTag();
    const names = [`Upsilon${t} A`, `Upsilon${t} B`];
    await seedUsers(names.map((name) => ({ name })));
    await signInAs(login, "admin");
    await page.goto("/admin/users");
    await search(page, `Upsilon${t}`);
    await expect(nameCells(page)).toHaveText(names);

    await page.getByRole("button", { name: `Deactivate ${names[1]}` }).click();
    await page.getByRole("dialog", { name: `Deactivate ${names[1]}?` }).getByRole("button", { name: "Deactivate" }).click();
    await expect(page.getByText(`${names[1]} was deactivated.`)).toBeVisible();
    // The action revalidates the page; the list still shows the search it showed.
    await page.waitForLoadState("networkidle");
    await expect(searchBox(page)).toHaveValue(`Upsilon${t}`);
    await expect(nameCells(page)).toHaveText(names);
    expect(new URL(page.url()).searchParams.get("q")).toBe(`Upsilon${t}`);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(searchBox(page)).toHaveValue("");
    await expect(nameCells(page).first()).toBeVisible();
    await expect(page.getByText("Page 1", { exact: true })).toBeVisible();
  });

  test("keeps role and status filters in the URL, restores them on reload, drops unknown values", async ({ login, page }) => {
    const t = newTag();
    const prefix = `Eta${t}`;
    await seedUsers([
      { name: `${prefix} Admin`, role: "admin" },
      { name: `${prefix} Manager`, role: "manager" },
      { name: `${prefix} User` },
      { name: `${prefix} Gone`, active: false },
    ]);
    await signInAs(login, "admin");
    await page.goto("/admin/users");
    await search(page, prefix);
    await expect(nameCells(page)).toHaveCount(4);

    await page.getByLabel("Role", { exact: true }).selectOption("user");
    await expect(page).toHaveURL(/[?&]role=user(&|$)/);
    await expect(nameCells(page)).toHaveText([`${prefix} Gone`, `${prefix} User`]);

    await page.getByLabel("Status", { exact: true }).selectOption({ label: "Deactivated" });
    await expect(page).toHaveURL(/[?&]status=inactive(&|$)/);
    await expect(nameCells(page)).toHaveText([`${prefix} Gone`]);
    await expect(rowOf(page, `${prefix} Gone`).getByText("Deactivated", { exact: true })).toBeVisible();

    await page.reload();
    await expect(searchBox(page)).toHaveValue(prefix);
    await expect(page.getByLabel("Role", { exact: true })).toHaveValue("user");
    await expect(page.getByLabel("Status", { exact: true })).toHaveValue("inactive");
    await expect(nameCells(page)).toHaveText([`${prefix} Gone`]);

    // A shared link, with a value the app does not know (dropped, not an error).
    await page.goto(`/admin/users?q=${prefix}&role=manager&status=everything`);
    await expect(page.getByLabel("Status", { exact: true })).toHaveValue("");
    await expect(nameCells(page)).toHaveText([`${prefix} Manager`]);

    await page.getByLabel("Status", { exact: true }).selectOption("active");
    await page.getByLabel("Role", { exact: true }).selectOption("");
    await expect(page).not.toHaveURL(/role=/);
    await expect(nameCells(page)).toHaveText([`${prefix} Admin`, `${prefix} Manager`, `${prefix} User`]);
  });

  test("Back and Forward step through filter changes; the search text does not add steps", async ({ login, page }) => {
    const t = newTag();
    const prefix = `Theta${t}`;
    await seedUsers([{ name: `${prefix} Admin`, role: "admin" }, { name: `${prefix} User` }, { name: `${prefix} Gone`, active: false }]);
    await signInAs(login, "admin");
    await page.goto("/admin/users");
    await search(page, prefix);
    await expect(nameCells(page)).toHaveCount(3);
    await page.getByLabel("Role", { exact: true }).selectOption("user");
    await expect(nameCells(page)).toHaveText([`${prefix} Gone`, `${prefix} User`]);
    await page.getByLabel("Status", { exact: true }).selectOption("active");
    await expect(nameCells(page)).toHaveText([`${prefix} User`]);

    await page.goBack();
    await expect(page).not.toHaveURL(/status=/);
    await expect(page.getByLabel("Status", { exact: true })).toHaveValue("");
    await expect(nameCells(page)).toHaveText([`${prefix} Gone`, `${prefix} User`]);
    await page.goBack();
    await expect(page.getByLabel("Role", { exact: true })).toHaveValue("");
    await expect(searchBox(page)).toHaveValue(prefix);
    await expect(nameCells(page)).toHaveCount(3);
    await page.goForward();
    await expect(page).toHaveURL(/[?&]role=user(&|$)/);
    await expect(nameCells(page)).toHaveText([`${prefix} Gone`, `${prefix} User`]);
  });

  test("pages forward and back through a result of more than one page", async ({ login, page }) => {
    const t = newTag();
    const prefix = `Theta${t}`;
    const names = Array.from({ length: 55 }, (_, i) => `${prefix} ${String(i).padStart(3, "0")}`);
    await seedUsers(names.map((name) => ({ name })));
    await signInAs(login, "admin");
    await page.goto("/admin/users");
    await search(page, prefix);
    await expect(page.getByText("Page 1", { exact: true })).toBeVisible();

    const next = page.getByRole("button", { name: "Next page" });
    const previous = page.getByRole("button", { name: "Previous page" });
    await expect(previous).toBeDisabled();
    const pages: string[][] = [];
    for (let n = 1; ; n++) {
      await expect(page.getByText(`Page ${n}`, { exact: true })).toBeVisible();
      await expect(nameCells(page).first()).not.toHaveText(pages[n - 2]?.[0] ?? "");
      pages.push(await nameCells(page).allTextContents());
      if (await next.isDisabled()) break;
      expect(n, "more pages than rows").toBeLessThan(55);
      await next.click();
    }
    expect(pages.length).toBeGreaterThan(1);
    // Every user once, in name order, across the pages.
    expect(pages.flat()).toEqual(names);

    await previous.click();
    await expect(page.getByText(`Page ${pages.length - 1}`, { exact: true })).toBeVisible();
    await expect(nameCells(page)).toHaveText(pages[pages.length - 2]!);
    for (let n = pages.length - 1; n > 1; n--) await previous.click();
    await expect(page.getByText("Page 1", { exact: true })).toBeVisible();
    await expect(nameCells(page)).toHaveText(pages[0]!);
    await expect(previous).toBeDisabled();
  });

  test("sorts by name both ways and by creation date, kept in the URL", async ({ login, page }) => {
    await seedUsers([{ name: `aardvark ${newTag()}` }, { name: `Zulu ${newTag()}` }, { name: `Émile ${newTag()}` }]);
    await signInAs(login, "admin");
    await page.goto("/admin/users");
    const sort = page.getByLabel("Sort", { exact: true });

    await sort.selectOption({ label: "Name, A to Z" });
    await expect(page).toHaveURL(/[?&]sort=name(&|$)/);
    await expect.poll(async () => {
      const names = await nameCells(page).allTextContents();
      return names.length > 1 && names.join("\n") === sortedNames(names).join("\n");
    }).toBe(true);

    await sort.selectOption({ label: "Name, Z to A" });
    await expect(page).toHaveURL(/sort=name&order=desc/);
    await expect.poll(async () => {
      const names = await nameCells(page).allTextContents();
      return names.length > 1 && names.join("\n") === sortedNames(names).reverse().join("\n");
    }).toBe(true);
    await page.reload();
    await expect(sort).toHaveValue("name-desc");

    await sort.selectOption({ label: "Oldest first" });
    await expect(page).toHaveURL(/[?&]order=asc(&|$)/);
    await expect(page).not.toHaveURL(/sort=/);
    await expect.poll(async () => {
      const created = await page.locator("table tbody tr td:nth-child(6) time").evaluateAll((els) => els.map((el) => el.getAttribute("datetime") ?? ""));
      return created.length > 1 && created.join() === [...created].sort().join();
    }).toBe(true);
  });

  test("deactivates and reactivates a user from the list, with a confirmation, audited", async ({ login, page }) => {
    const t = newTag();
    const name = `Iota${t} Target`;
    const [target] = await seedUsers([{ name }]);
    const admin = await signInAs(login, "admin");
    await page.goto(`/admin/users?q=Iota${t}`);
    const row = rowOf(page, name);
    await expect(row.getByText("Active", { exact: true })).toBeVisible();

    // Cancel changes nothing.
    await row.getByRole("button", { name: `Deactivate ${name}` }).click();
    const deactivateDialog = page.getByRole("dialog", { name: `Deactivate ${name}?` });
    await expect(deactivateDialog).toBeVisible();
    await expect(deactivateDialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await deactivateDialog.getByRole("button", { name: "Cancel" }).click();
    await expect(deactivateDialog).toBeHidden();
    expect((await getUser(target!.id, { consistent: true }))?.isActive).toBe(true);

    await row.getByRole("button", { name: `Deactivate ${name}` }).click();
    await deactivateDialog.getByRole("button", { name: "Deactivate" }).click();
    await expect(row.getByText("Deactivated", { exact: true })).toBeVisible();
    await expect(page.getByText(`${name} was deactivated.`)).toBeVisible();
    await expect.poll(async () => (await getUser(target!.id, { consistent: true }))?.isActive).toBe(false);

    await row.getByRole("button", { name: `Reactivate ${name}` }).click();
    await page.getByRole("dialog", { name: `Reactivate ${name}?` }).getByRole("button", { name: "Reactivate" }).click();
    await expect(row.getByText("Active", { exact: true })).toBeVisible();
    await expect(page.getByText(`${name} was reactivated.`)).toBeVisible();
    await expect.poll(async () => (await getUser(target!.id, { consistent: true }))?.isActive).toBe(true);

    const entries = await auditActions(target!.id);
    expect(entries.map((e) => e.action)).toEqual(["user.reactivated", "user.deactivated", "user.created"]);
    expect(entries.slice(0, 2).every((e) => e.userId === admin.id && e.ipAddress === "127.0.0.1")).toBe(true);
  });

  test("rolls the row back and says why when the server refuses the change", async ({ login, page }) => {
    const t = newTag();
    const name = `Sigma${t} Stale`;
    const [target] = await seedUsers([{ name }]);
    await signInAs(login, "admin");
    await page.goto(`/admin/users?q=Sigma${t}`);
    const row = rowOf(page, name);
    await expect(row).toBeVisible();
    // Someone else changes the user after the list was read: the version the row holds is stale.
    await setUserActive(target!.id, target!.version, false, fixture);
    const current = (await getUser(target!.id, { consistent: true }))!;
    await setUserActive(current.id, current.version, true, fixture);

    await row.getByRole("button", { name: `Deactivate ${name}` }).click();
    await page.getByRole("dialog", { name: `Deactivate ${name}?` }).getByRole("button", { name: "Deactivate" }).click();
    await expect(page.getByText(/changed by someone else/)).toBeVisible();
    await expect(row.getByText("Active", { exact: true })).toBeVisible();
    expect((await getUser(target!.id, { consistent: true }))?.isActive).toBe(true);
  });

  test("changes the role of 3 users at once: 3 audit entries sharing one batchId", async ({ login, page }) => {
    const t = newTag();
    const names = [1, 2, 3].map((i) => `Kappa${t} ${i}`);
    const users = await seedUsers(names.map((name) => ({ name })));
    const admin = await signInAs(login, "admin");
    await page.goto(`/admin/users?q=Kappa${t}`);
    for (const name of names) await page.getByRole("checkbox", { name: `Select ${name}` }).check();

    const bar = bulkBar(page);
    await expect(bar).toContainText("3 selected");
    await bar.getByLabel("New role").selectOption("manager");
    await bar.getByRole("button", { name: "Change role" }).click();
    const dialog = page.getByRole("dialog", { name: "Make 3 users a manager?" });
    await dialog.getByRole("button", { name: "Change role" }).click();
    await expect(page.getByRole("status").filter({ hasText: "3 updated" })).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(bar).toBeHidden();
    for (const name of names) await expect(rowOf(page, name).locator("td:nth-child(4)")).toHaveText("manager");

    const batchIds = new Set<string>();
    for (const user of users) {
      const entries = await auditActions(user.id);
      const updated = entries.filter((e) => e.action === "user.updated");
      const roleChanged = entries.filter((e) => e.action === "user.role_changed");
      expect(updated).toHaveLength(1);
      expect(roleChanged).toHaveLength(1);
      expect(updated[0]).toMatchObject({ userId: admin.id, details: { changes: { role: { from: "user", to: "manager" } }, affectedFields: ["role"] } });
      expect(roleChanged[0]).toMatchObject({ userId: admin.id, details: { from: "user", to: "manager" } });
      const batchId = String(updated[0]!.details.batchId);
      expect(roleChanged[0]!.details.batchId).toBe(batchId);
      batchIds.add(batchId);
      expect((await getUser(user.id))?.role).toBe("manager");
    }
    expect(batchIds.size).toBe(1);
  });

  test("selects every user matching the filter, beyond the page shown, and deactivates them", async ({ login, page }) => {
    const t = newTag();
    const users = await seedUsers(Array.from({ length: 60 }, (_, i) => ({ name: `Lambda${t} ${String(i).padStart(2, "0")}` })));
    await signInAs(login, "admin");
    await page.goto(`/admin/users?q=Lambda${t}`);
    await expect(page.getByRole("button", { name: "Next page" })).toBeEnabled();
    const shown = await nameCells(page).count();
    expect(shown).toBeLessThan(60);

    // The total for the filter, counted without listing every page.
    await expect(page.getByText("60 users", { exact: true })).toBeVisible();

    await page.getByRole("checkbox", { name: "Select all users on this page" }).check();
    const bar = bulkBar(page);
    await expect(bar).toContainText(`${shown} selected`);
    await bar.getByRole("button", { name: "Select all 60 matching users" }).click();
    await expect(bar).toContainText("All 60 matching users are selected");
    await bar.getByRole("button", { name: "Deactivate" }).click();
    await page.getByRole("dialog", { name: "Deactivate all 60 matching users?" }).getByRole("button", { name: "Deactivate" }).click();
    await expect(page.getByRole("status").filter({ hasText: "60 updated" })).toBeVisible();

    // One BatchGet rather than a burst of 60 reads at DynamoDB Local.
    const after = [...(await getUsersByIds(users.map((u) => u.id), { consistent: true })).values()];
    expect(after).toHaveLength(users.length);
    expect(after.every((u) => u?.isActive === false)).toBe(true);
    const trails = [];
    for (let i = 0; i < users.length; i += 10) trails.push(...(await Promise.all(users.slice(i, i + 10).map((u) => auditActions(u.id)))));
    const batchIds = new Set(trails.map((entries) => entries.find((e) => e.action === "user.deactivated")?.details.batchId));
    expect(batchIds.size).toBe(1);
    expect([...batchIds][0]).toEqual(expect.any(String));
  });

  test("exports the filtered list, every page of it, as CSV", async ({ login, page }) => {
    const t = newTag();
    const prefix = `Mu${t}`;
    const users = await seedUsers([
      { name: `${prefix} Alpha`, role: "admin" },
      { name: `${prefix} "Quoted", Name` },
      { name: `${prefix} Gone`, active: false },
      ...Array.from({ length: 57 }, (_, i) => ({ name: `${prefix} Many ${String(i).padStart(2, "0")}`, role: "manager" as const })),
    ]);
    await signInAs(login, "admin");
    await page.goto(`/admin/users?q=${prefix}`);
    await expect(nameCells(page).first()).toBeVisible();

    const exportCsv = async () => {
      const downloading = page.waitForEvent("download");
      await page.getByRole("button", { name: "Export CSV" }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(/^users-\d{4}-\d{2}-\d{2}\.csv$/);
      return parseCsv(await readFile((await download.path())!, "utf8"));
    };
    const rowFor = (u: User) => [u.id, u.name, u.email, u.role, !u.isActive ? "deactivated" : u.invitedAt ? "invited" : "active", u.createdAt, u.lastSignInAt ?? ""];

    const [header, ...rows] = await exportCsv();
    expect(header).toEqual(["id", "name", "email", "role", "status", "createdAt", "lastSignInAt"]);
    // All 60, not only the rows on screen, each exactly as stored.
    expect(rows.sort((a, b) => a[0]!.localeCompare(b[0]!))).toEqual(users.map(rowFor).sort((a, b) => a[0]!.localeCompare(b[0]!)));
    await expect(page.getByText("Exported 60 users.")).toBeVisible();

    await page.getByLabel("Status", { exact: true }).selectOption({ label: "Deactivated" });
    await expect(nameCells(page)).toHaveText([`${prefix} Gone`]);
    const [, ...deactivated] = await exportCsv();
    expect(deactivated).toEqual([rowFor(users[2]!)]);
  });

  test("shows export progress and can cancel it", async ({ login, page }) => {
    await signInAs(login, "admin");
    await page.goto("/admin/users?role=admin");
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/api/users/export**", async (route) => {
      await held;
      await route.continue().catch(() => undefined);
    });
    let downloaded = false;
    page.on("download", () => (downloaded = true));

    await page.getByRole("button", { name: "Export CSV" }).click();
    await expect(page.getByRole("progressbar", { name: "Export progress" })).toBeVisible();
    await page.getByRole("button", { name: "Cancel export" }).click();
    await expect(page.getByText("Export cancelled.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Export CSV" })).toBeVisible();
    release();
    await page.unroute("**/api/users/export**");
    expect(downloaded).toBe(false);
  });

  test("shows an error with a retry when the list cannot be loaded", async ({ login, page }) => {
    const t = newTag();
    await seedUsers([{ name: `Rho${t} One` }]);
    await signInAs(login, "admin");
    await page.goto("/admin/users");
    await expect(nameCells(page).first()).toBeVisible();
    // Server actions are POSTs to the page carrying a Next-Action header: fail those.
    const failActions = (route: import("@playwright/test").Route) =>
      route.request().method() === "POST" && route.request().headers()["next-action"]
        ? route.fulfill({ status: 503, contentType: "text/plain", body: "Service unavailable" })
        : route.continue();
    await page.route("**/admin/users**", failActions);
    await search(page, `Rho${t}`);
    const alert = page.getByRole("alert").filter({ hasText: "The users could not be loaded." });
    await expect(alert).toBeVisible({ timeout: 10_000 });
    await expect(alert).toContainText("Check your connection");

    await page.unroute("**/admin/users**", failActions);
    await alert.getByRole("button", { name: "Retry" }).click();
    await expect(alert).toBeHidden();
    await expect(nameCells(page)).toHaveText([`Rho${t} One`]);
  });

  test("shows hostile names as plain text and runs nothing", async ({ login, page }) => {
    const t = newTag();
    const prefix = `Xi${t}`;
    const arabic = "محمد بن عبد الله الخوارزمي ".repeat(4).slice(0, 100 - prefix.length - 1);
    const names = [
      `${prefix} <script>window.__pwned=1</script>`,
      `${prefix} <img src=x onerror="window.__pwned=2">`,
      // The longest name the directory can hold (nameKey is an index sort key, ≤ 1,024 bytes);
      // a 10,000-character one goes through the search box below instead.
      `${prefix} ${"W".repeat(900)}`,
      `${prefix} ${arabic}`,
      `${prefix} zero\u200bwidth\u200d\u2060joiner\ufeff`,
      `${prefix} \u202eevil\u202c override \u2066isolate\u2069`,
      `${prefix} 👩🏽‍💻 🎉 👨‍👩‍👧‍👦 🏳️‍🌈`,
    ];
    const users = await seedUsers(names.map((name) => ({ name })));
    await signInAs(login, "admin");
    await page.goto(`/admin/users?q=${prefix}`);
    await expect(nameCells(page)).toHaveCount(names.length);

    expect((await nameCells(page).allTextContents()).sort()).toEqual([...names].sort());
    await expect(page.locator("table tbody script, table tbody img")).toHaveCount(0);
    // The long name is cut to the column, not stretching the table.
    const long = page.getByRole("link", { name: names[2], exact: true });
    expect((await long.boundingBox())!.width).toBeLessThan(400);

    // The same names in the dialog, the toast and the bulk result stay text too.
    const scriptName = names[0]!;
    await page.getByRole("button", { name: `Deactivate ${scriptName}` }).click();
    const dialog = page.getByRole("dialog", { name: `Deactivate ${scriptName}?` });
    await expect(dialog.getByRole("heading")).toHaveText(`Deactivate ${scriptName}?`);
    await dialog.getByRole("button", { name: "Deactivate" }).click();
    await expect(page.getByText(`${scriptName} was deactivated.`)).toBeVisible();

    await page.getByRole("checkbox", { name: "Select all users on this page" }).check();
    await bulkBar(page).getByRole("button", { name: "Reactivate" }).click();
    await page.getByRole("dialog", { name: `Reactivate ${names.length} users?` }).getByRole("button", { name: "Reactivate" }).click();
    await expect(page.getByRole("status").filter({ hasText: `${names.length} updated` })).toBeVisible();
    expect((await getUser(users[0]!.id))?.isActive).toBe(true);

    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // A 10,000-character search from a link, markup first: cut to 100, shown as text. (Mostly
    // ASCII: percent-encoded, it must stay within Node's 16 KB request-header limit.)
    const markup = "<script>window.__pwned=3</script><b>é\u200b</b>";
    const hostileQuery = `${markup}${"x".repeat(10_000 - markup.length)}`;
    await page.goto(`/admin/users?q=${encodeURIComponent(hostileQuery)}`);
    await expect(page.getByText("No users match these filters")).toBeVisible();
    await expect(searchBox(page)).toHaveValue(hostileQuery.slice(0, 100));
    await searchBox(page).fill(`${prefix} 👩🏽‍💻`);
    await expect(nameCells(page)).toHaveText([names[6]!]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });
});

test.describe("users list as a manager", () => {
  test("may change role-user accounts only: admin rows have no toggle, no role change anywhere", async ({ login, page }) => {
    const t = newTag();
    const prefix = `Nu${t}`;
    const [admin, manager, user] = await seedUsers([
      { name: `${prefix} Admin`, role: "admin" },
      { name: `${prefix} Manager`, role: "manager" },
      { name: `${prefix} User` },
    ]);
    await signInAs(login, "manager");
    await page.goto(`/admin/users?q=${prefix}`);
    await expect(nameCells(page)).toHaveCount(3);

    await expect(rowOf(page, admin!.name).getByRole("button")).toHaveCount(0);
    await expect(rowOf(page, manager!.name).getByRole("button")).toHaveCount(0);
    await expect(rowOf(page, user!.name).getByRole("button", { name: `Deactivate ${user!.name}` })).toBeVisible();

    // Only the accounts a manager may change can be selected, by row or by page.
    await expect(page.getByRole("checkbox", { name: `Select ${admin!.name}` })).toHaveCount(0);
    await expect(page.getByRole("checkbox", { name: `Select ${manager!.name}` })).toHaveCount(0);
    await page.getByRole("checkbox", { name: "Select all users on this page" }).check();
    const bar = bulkBar(page);
    await expect(bar).toContainText("1 selected");
    await expect(bar.getByLabel("New role")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Change role" })).toHaveCount(0);

    await bar.getByRole("button", { name: "Deactivate" }).click();
    await page.getByRole("dialog", { name: "Deactivate 1 user?" }).getByRole("button", { name: "Deactivate" }).click();
    await expect(page.getByRole("status").filter({ hasText: "1 updated" })).toBeVisible();
    expect((await getUser(admin!.id, { consistent: true }))?.isActive).toBe(true);
    expect((await getUser(user!.id, { consistent: true }))?.isActive).toBe(false);
  });

  test("is refused by the server actions themselves when the UI is bypassed", async ({ login, page }) => {
    const t = newTag();
    const [admin, user] = await seedUsers([{ name: `Omicron${t} Admin`, role: "admin" }, { name: `Omicron${t} User` }]);
    await signInAs(login, "manager");
    await page.goto("/admin/users");

    type Result = { ok: boolean; error?: string; data?: { succeeded: number; failed: Array<{ id: string; reason: string }> } };
    const deactivate = await callServerAction<Result>(page, "lib/actions/users/set-user-active.ts", "setUserActiveAction", { id: admin!.id, version: admin!.version, active: false });
    expect(deactivate).toMatchObject({ ok: false, error: "You do not have permission to do that." });

    const promote = await callServerAction<Result>(page, "lib/actions/users/bulk-users.ts", "bulkUsersAction", { operation: "set_role", role: "admin", ids: [user!.id] });
    expect(promote).toMatchObject({ ok: true, data: { succeeded: 0, failed: [{ id: user!.id, reason: "You may not change this user's role." }] } });

    const bulkDeactivate = await callServerAction<Result>(page, "lib/actions/users/bulk-users.ts", "bulkUsersAction", { operation: "deactivate", ids: [admin!.id] });
    expect(bulkDeactivate).toMatchObject({ ok: true, data: { succeeded: 0, failed: [{ id: admin!.id }] } });
    // "All matching" for a manager is the role-user accounts among the matches: an admin filter is none.
    const byFilter = await callServerAction<Result>(page, "lib/actions/users/bulk-users.ts", "bulkUsersAction", { operation: "deactivate", filter: { role: "admin", q: `Omicron${t}` } });
    expect(byFilter).toMatchObject({ ok: false, error: "You may not change any of the users this filter matches." });

    expect(await getUser(admin!.id, { consistent: true })).toMatchObject({ isActive: true, role: "admin" });
    expect(await getUser(user!.id, { consistent: true })).toMatchObject({ isActive: true, role: "user" });
    expect((await auditActions(admin!.id)).map((e) => e.action)).toEqual(["user.created"]);
  });
});

test.describe("users list as a user", () => {
  test("gets no admin page and no admin data, by page, export or action", async ({ login, page }) => {
    await signInAs(login, "user");
    const response = await page.goto("/admin/users");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("table")).toHaveCount(0);

    const exported = await page.request.get("/api/users/export");
    expect(exported.status()).toBe(403);
    expect(await exported.text()).not.toContain("@");

    const listed = await callServerAction<{ ok: boolean; data?: unknown }>(page, "lib/actions/users/list-users.ts", "listUsersAction", { filter: {} });
    expect(listed).toMatchObject({ ok: false });
    expect(listed.data).toBeUndefined();
  });
});

test.describe("users list accessibility", () => {
  for (const scheme of ["light", "dark"] as const) {
    test(`has no serious or critical axe violations with data, selection, dialog and empty state (${scheme})`, async ({ login, page }) => {
      // Four full scans of a page with a table: slow on a busy two-core machine.
      test.slow();
      const t = newTag();
      await seedUsers([{ name: `Pi${t} One` }, { name: `Pi${t} Two`, active: false }, { name: `Pi${t} Three`, role: "manager" }]);
      await page.emulateMedia({ colorScheme: scheme });
      await signInAs(login, "admin");
      await page.goto(`/admin/users?q=Pi${t}`);
      await expect(nameCells(page)).toHaveCount(3);
      expect(await serious(page), "list").toEqual([]);

      await page.getByRole("checkbox", { name: `Select Pi${t} One` }).check();
      await expect(bulkBar(page)).toBeVisible();
      expect(await serious(page), "selection").toEqual([]);
      await bulkBar(page).getByRole("button", { name: "Deactivate" }).click();
      await expect(page.getByRole("dialog")).toBeVisible();
      expect(await serious(page), "dialog").toEqual([]);
      await page.keyboard.press("Escape");
      await expect(page.getByRole("dialog")).toBeHidden();

      await page.goto(`/admin/users?q=nobody-${t}`);
      await expect(page.getByText("No users match these filters")).toBeVisible();
      expect(await serious(page), "empty").toEqual([]);
    });
  }

  test("can be used with the keyboard alone: search, select a row, act on it from the bulk bar", async ({ login, page }) => {
    const t = newTag();
    const names = [`Tau${t} One`, `Tau${t} Two`];
    const [one] = await seedUsers(names.map((name) => ({ name })));
    await signInAs(login, "admin");
    await page.goto("/admin/users");
    await expect(nameCells(page).first()).toBeVisible();

    await tabTo(page, searchBox(page));
    await page.keyboard.type(`Tau${t}`);
    await expect(nameCells(page)).toHaveText(names);

    const checkbox = page.getByRole("checkbox", { name: `Select ${names[0]}` });
    await tabTo(page, checkbox);
    await page.keyboard.press("Space");
    await expect(checkbox).toBeChecked();
    const bar = bulkBar(page);
    await expect(bar).toContainText("1 selected");

    await tabTo(page, bar.getByRole("button", { name: "Deactivate" }), { backwards: true });
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Deactivate 1 user?" });
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(dialog.getByRole("button", { name: "Deactivate" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status").filter({ hasText: "1 updated" })).toBeVisible();
    await expect.poll(async () => (await getUser(one!.id, { consistent: true }))?.isActive).toBe(false);

    // The row's own toggle, from the keyboard too.
    await tabTo(page, page.getByRole("button", { name: `Reactivate ${names[0]}` }));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("dialog", { name: `Reactivate ${names[0]}?` })).toBeVisible();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await getUser(one!.id, { consistent: true }))?.isActive).toBe(true);
  });
});
