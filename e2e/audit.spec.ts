// The audit timeline as people use it: /activity, /admin/audit with its filters, export and
// verify panel, a user's Activity tab, and the chart on the admin home. Every test makes its
// own users and reads lists filtered to them, since the run's database is shared by all tests.
//
// Longer than the 300-line limit on purpose: a spec lists one area's behaviours, and splitting the
// audit timeline's would scatter them. The helpers below serve these tests alone; shared ones live
// in e2e/fixtures/.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Page } from "@playwright/test";
import type { AuditAction } from "@/lib/audit/catalogue";
import { type AuditContext, appendAudit, auditPut, listAuditByActor, listAuditByTarget } from "@/lib/db/audit";
import { db, table } from "@/lib/db/client";
import { createProfile, updateProfile } from "@/lib/db/profiles";
import { transact } from "@/lib/db/transact";
import type { User } from "@/lib/validation/users";
import { makeUser, signIn } from "./fixtures/users";
import { expect, test } from "./fixtures";
import { callServerAction } from "./fixtures/server-actions";
import { parseCsv } from "./fixtures/csv";
import { makeAvatar } from "./fixtures/files";
import { initials } from "@/components/profiles/avatar-initials";
import { seriousViolations as scan } from "./fixtures/accessibility";

// Several pages and sign-ins per test: on a shared 2-core machine under load, 30 s is too tight.
test.describe.configure({ timeout: 60_000 });

const DAY = 86_400_000;
const AUDIT_ACTIONS_FILE = "lib/actions/audit/audit-actions.ts";

/** A short tag that makes names unique within the run. */
const tag = () => randomUUID().slice(0, 8);

const actorOf = (user: User): AuditContext => ({ actorId: user.id, actorRole: user.role });

/** An entry written as if it happened at `at` (noon UTC of a past day, for the date filters). */
async function backDated(ctx: AuditContext, action: AuditAction, targetUserId: string, at: Date) {
  await transact([auditPut(ctx, { action, targetUserId, details: {} } as never, at)], (codes) => new Error(`back-dated entry refused: ${codes.join(",")}`));
}

const noonDaysAgo = (days: number) => {
  const day = new Date(Date.now() - days * DAY);
  day.setUTCHours(12, 0, 0, 0);
  return day;
};
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

async function signInFresh(page: Page, user: User) {
  await page.context().clearCookies();
  await signIn(page, user);
}

/** A user whose Work Profile an admin edited: name, a field, a list and a nested group. */
async function editedProfile() {
  const admin = await makeUser("admin", { name: `Ada Admin ${tag()}` });
  const jane = await makeUser("user", { name: `Jane Doe ${tag()}` });
  const profile = await createProfile(
    jane.id,
    { name: "Work Profile", type: "professional", customFields: { department: "Sales", skills: ["Excel", "SQL"], address: { city: "Oslo", zip: "0150" } } },
    actorOf(admin),
  );
  await updateProfile(
    profile.id,
    profile.version,
    { customFields: { department: "Engineering", skills: ["SQL", "TypeScript"], address: { city: "Bergen", zip: "0150" } } },
    actorOf(admin),
  );
  return { admin, jane, sentence: `${admin.name} changed ${jane.name}'s profile “Work Profile”` };
}

const entries = (page: Page) => page.getByRole("article");

/** The audit page's filter bar, opened (it is collapsed by default). */
async function openFilters(page: Page) {
  const filters = page.getByRole("region", { name: "Filters" });
  const bar = filters.locator("details");
  if (!(await bar.evaluate((d) => (d as HTMLDetailsElement).open))) await filters.locator("summary").click();
  await expect(filters.getByRole("combobox", { name: "Actor" })).toBeVisible();
  return filters;
}

async function expectProfileDiff(page: Page, sentence: string) {
  const entry = page.getByRole("article", { name: sentence });
  await expect(entry).toBeVisible();
  await expect(entry.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}T/);
  await entry.getByRole("button", { name: "Details" }).click();
  await expect(entry.getByRole("button", { name: "Hide details" })).toHaveAttribute("aria-expanded", "true");
  await expect(entry.getByText("Exact time:")).toBeVisible();
  const row = (key: string) => entry.getByRole("listitem").filter({ hasText: new RegExp(`^${key}`) });
  // customFields.department and customFields.address.city, nested under their groups.
  const custom = row("customFields");
  await expect(custom.getByRole("listitem").filter({ hasText: /^department/ })).toContainText(/Sales\s*→\s*changed to\s*Engineering/);
  await expect(custom.getByRole("listitem").filter({ hasText: /^address/ }).getByRole("listitem").filter({ hasText: /^city/ })).toContainText(/Oslo\s*→\s*changed to\s*Bergen/);
  const skills = custom.getByRole("listitem").filter({ hasText: /^skills/ });
  await expect(skills.getByRole("listitem")).toHaveText(["Added: TypeScript", "Removed: Excel"]);
  // Unchanged values are not listed.
  await expect(entry.getByText("zip")).toHaveCount(0);
}

test.describe("timelines", () => {
  test("an admin's edit of custom fields reads as a sentence with its dotted-path diff on the audit log, the user's tab and the user's own activity", async ({ page }) => {
    const { admin, jane, sentence } = await editedProfile();
    // Times are rendered in UTC on the server and switch to the browser's zone after hydration:
    // that must not surface as a hydration mismatch (React error #418 in production builds).
    const hydrationErrors: string[] = [];
    page.on("pageerror", (error) => hydrationErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error" && /hydrat|Minified React error/i.test(message.text())) hydrationErrors.push(message.text());
    });

    await signIn(page, admin);
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    await page.goto(`/admin/audit?target=${jane.id}`);
    await expectProfileDiff(page, sentence);

    await page.goto(`/admin/users/${jane.id}/activity`);
    await expect(page.getByRole("heading", { level: 1, name: `Activity of ${jane.name}` })).toBeVisible();
    await expectProfileDiff(page, sentence);

    await signInFresh(page, jane);
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Activity" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Your activity" })).toBeVisible();
    await expectProfileDiff(page, sentence);
    expect(hydrationErrors).toEqual([]);
  });

  test("filters by action and by date range narrow the list and stay in the URL", async ({ page }) => {
    const { admin, jane, sentence } = await editedProfile();
    await backDated(actorOf(admin), "user.deactivated", jane.id, noonDaysAgo(10));
    await backDated(actorOf(admin), "user.reactivated", jane.id, noonDaysAgo(20));

    await signIn(page, admin);
    await page.goto(`/admin/audit?target=${jane.id}`);
    // Created by the fixture, profile created and changed today; deactivated and reactivated earlier.
    await expect(entries(page)).toHaveCount(5);
    const filters = await openFilters(page);
    // The chosen person shows by name; the URL keeps the id.
    await expect(filters.getByRole("combobox", { name: "Target user" })).toHaveValue(jane.name);

    const profiles = filters.getByRole("group", { name: "Profiles" });
    await profiles.getByRole("checkbox", { name: "Updated" }).check();
    await expect(page).toHaveURL(/action=profile\.updated/);
    await expect(entries(page)).toHaveCount(1);
    await expect(page.getByRole("article", { name: sentence })).toBeVisible();
    await profiles.getByRole("checkbox", { name: "Created" }).check();
    await expect(entries(page)).toHaveCount(2);
    // Each filter change is a step Back undoes.
    await page.goBack();
    await expect(profiles.getByRole("checkbox", { name: "Created" })).not.toBeChecked();
    await expect(entries(page)).toHaveCount(1);
    await page.goForward();
    await expect(entries(page)).toHaveCount(2);

    await filters.getByRole("button", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/admin\/audit$/);
    await page.goto(`/admin/audit?target=${jane.id}`);
    await openFilters(page);
    await filters.getByLabel("From", { exact: true }).fill(isoDay(noonDaysAgo(12)));
    await expect(page).toHaveURL(new RegExp(`from=${isoDay(noonDaysAgo(12))}`));
    await expect(entries(page)).toHaveCount(4);
    await filters.getByLabel("To", { exact: true }).fill(isoDay(noonDaysAgo(8)));
    await expect(entries(page)).toHaveCount(1);
    await expect(page.getByRole("article", { name: `${admin.name} deactivated ${jane.name}` })).toBeVisible();

    // The filtered view survives a reload: it lives in the URL.
    await page.reload();
    await openFilters(page);
    await expect(filters.getByLabel("From", { exact: true })).toHaveValue(isoDay(noonDaysAgo(12)));
    await expect(entries(page)).toHaveCount(1);
  });

  test("dates that cannot be served are field messages, not errors: an inverted range, a date that is not one; the export answers 400", async ({ page }) => {
    const { admin, jane } = await editedProfile();
    await signIn(page, admin);
    const filters = page.getByRole("region", { name: "Filters" });
    const inverted = `target=${jane.id}&from=${isoDay(noonDaysAgo(2))}&to=${isoDay(noonDaysAgo(9))}`;

    // Straight from a link: the page renders, the message is on the To field, nothing is listed.
    const response = await page.goto(`/admin/audit?${inverted}`);
    expect(response?.status()).toBe(200);
    const to = filters.getByLabel("To", { exact: true });
    await expect(to).toHaveAttribute("aria-invalid", "true");
    await expect(to).toHaveAccessibleDescription("The start date is after the end date, so nothing can match.");
    await expect(page.getByText("Correct the dates in the filters to see entries.")).toBeVisible();
    await expect(entries(page)).toHaveCount(0);
    // Correcting the field lists the entries again.
    await to.fill(isoDay(new Date()));
    await expect(to).not.toHaveAttribute("aria-invalid", "true");
    await expect(entries(page)).toHaveCount(3);

    await page.goto(`/admin/audit?target=${jane.id}&from=2026-02-31`);
    await expect(filters.getByLabel("From", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(filters.getByLabel("From", { exact: true })).toHaveAccessibleDescription("Not a real date.");

    // The export route refuses the same filters with a message, and a user id that is not one.
    for (const [query, message] of [
      [inverted, "to: The start date is after the end date"],
      [`from=2026-13-01`, "from: Not a real date."],
      [`to=yesterday`, "to: Use a date like 2026-01-31."],
      [`user=../../etc`, "user: Not a user id."],
    ] as const) {
      const refused = await page.request.get(`/api/audit/export?${query}`);
      expect(refused.status(), query).toBe(400);
      expect(await refused.text(), query).toContain(message);
    }
    // The server action that pages the timeline refuses an inverted range on its field too.
    const paged = await callServerAction(page, AUDIT_ACTIONS_FILE, "readTimelineAction", {
      subject: { kind: "all" },
      filter: { from: "2026-03-02T00:00:00.000Z", to: "2026-03-01T23:59:59.999Z" },
    });
    expect(paged).toMatchObject({ ok: false, fieldErrors: { "filter.to": ["The start date is after the end date, so nothing can match."] } });
  });

  test("scrolling to the end loads older entries, grouped by day, back to the oldest", async ({ page }) => {
    const admin = await makeUser("admin");
    const busy = await makeUser("user", { name: `Busy User ${tag()}` });
    for (let i = 0; i < 12; i++) {
      await Promise.all(Array.from({ length: 10 }, () => appendAudit(actorOf(busy), { action: "auth.signed_out", details: {} })));
    }
    await signIn(page, admin);
    await page.goto(`/admin/users/${busy.id}/activity`);
    await expect(entries(page)).toHaveCount(50);
    await expect(page.getByRole("heading", { level: 2, name: "Today" })).toBeVisible();

    await page.mouse.wheel(0, 100_000);
    await expect(entries(page)).toHaveCount(100);
    await page.mouse.wheel(0, 100_000);
    // 120 sign-outs and the account's creation.
    await expect(entries(page)).toHaveCount(121);
    await expect(page.getByText("Showing 121 entries, back to the oldest.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Load older entries" })).toHaveCount(0);
  });

  test("without automatic loading, the Load older entries button pages through from the keyboard", async ({ page }) => {
    await page.addInitScript(() => {
      // As in a browser without IntersectionObserver: only the button loads more.
      Reflect.deleteProperty(window, "IntersectionObserver");
    });
    const busy = await makeUser("user");
    for (let i = 0; i < 6; i++) {
      await Promise.all(Array.from({ length: 10 }, () => appendAudit(actorOf(busy), { action: "auth.signed_out", details: {} })));
    }
    await signIn(page, busy);
    await page.goto("/activity");
    // 60 sign-outs, the sign-in just now and the account's creation.
    await expect(entries(page)).toHaveCount(50);
    const more = page.getByRole("button", { name: "Load older entries" });
    await more.focus();
    await page.keyboard.press("Enter");
    await expect(entries(page)).toHaveCount(62);
    await expect(more).toHaveCount(0);
    await expect(page.getByText("Showing 62 entries, back to the oldest.")).toBeFocused();
  });

  test("entries that arrive while the page is open are announced and shown on request", async ({ login, page }) => {
    const user = await login("user", { name: `Watcher ${tag()}` });
    await page.goto("/activity");
    await expect(entries(page)).toHaveCount(2);
    await expect(page.getByText(/new entr/)).toHaveCount(0);

    const admin = await makeUser("admin", { name: `Ada Admin ${tag()}` });
    await appendAudit(actorOf(admin), { action: "user.deactivated", targetUserId: user.id, details: {} });
    // The page asks every 15 s, and at once when the tab is shown again.
    await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange", { bubbles: true })));
    await expect(page.getByText("1 new entry")).toBeVisible({ timeout: 20_000 });
    await page.getByRole("button", { name: "Show new entries" }).click();
    await expect(entries(page)).toHaveCount(3);
    await expect(entries(page).first()).toHaveAccessibleName(`${admin.name} deactivated ${user.name}`);
    await expect(page.getByText("1 new entry")).toHaveCount(0);
  });
});

test.describe("export", () => {
  test("CSV and JSON Lines downloads hold exactly the filtered entries", async ({ page }) => {
    const { admin, jane } = await editedProfile();
    await backDated(actorOf(admin), "user.deactivated", jane.id, noonDaysAgo(3));
    const wanted = (await listAuditByTarget(jane.id)).items.filter((e) => e.action.startsWith("profile."));
    expect(wanted).toHaveLength(2);

    await signIn(page, admin);
    await page.goto(`/admin/audit?target=${jane.id}&action=profile.created&action=profile.updated`);
    await expect(entries(page)).toHaveCount(2);

    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parseCsv(readFileSync((await csv.path())!, "utf8"));
    expect(rows[0]).toEqual(["id", "timestamp", "action", "sentence", "actorId", "actorName", "targetUserId", "targetName", "ipAddress", "device", "details"]);
    const body = rows.slice(1);
    expect(body.map((r) => r[0]).sort()).toEqual(wanted.map((e) => e.id).sort());
    expect(body.every((r) => r[6] === jane.id && r[5] === admin.name)).toBe(true);
    expect(body.map((r) => r[2]).sort()).toEqual(["profile.created", "profile.updated"]);
    await expect(page.getByText(/Exported 2 entries to audit-.*\.csv\./)).toBeVisible();

    const [jsonl] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export JSON Lines" }).click()]);
    const lines = readFileSync((await jsonl.path())!, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { id: string; details: unknown });
    expect(lines.map((l) => l.id).sort()).toEqual(wanted.map((e) => e.id).sort());
  });
});

test.describe("who sees what", () => {
  test("a manager does not see admins' entries", async ({ login, page }) => {
    const admin = await makeUser("admin", { name: `Ada Admin ${tag()}` });
    const peer = await makeUser("user", { name: `Pat Peer ${tag()}` });
    const target = await makeUser("user", { name: `Tia Target ${tag()}` });
    await appendAudit(actorOf(admin), { action: "user.deactivated", targetUserId: target.id, details: {} });
    await appendAudit(actorOf(peer), { action: "user.reactivated", targetUserId: target.id, details: {} });
    const byAdmin = `${admin.name} deactivated ${target.name}`;
    const byPeer = `${peer.name} reactivated ${target.name}`;

    await login("manager");
    for (const url of [`/admin/audit?target=${target.id}`, `/admin/users/${target.id}/activity`]) {
      await page.goto(url);
      await expect(page.getByRole("article", { name: byPeer })).toBeVisible();
      await expect(page.getByRole("article", { name: byAdmin })).toHaveCount(0);
    }
    await expect(page.getByText("entries by admins are not shown")).toBeVisible();
    // Not in the export either.
    const exported = await page.request.get(`/api/audit/export?format=jsonl&target=${target.id}`);
    expect(await exported.text()).not.toContain(admin.id);
    // Nor offered as an actor by the picker's action; as a target, an admin may be chosen.
    const adminWord = admin.name.split(" ").at(-1)!;
    const asActor = await callServerAction<{ ok: boolean; data?: Array<{ id: string }> }>(page, AUDIT_ACTIONS_FILE, "searchAuditUsersAction", { q: adminWord, role: "actor" });
    expect(asActor).toEqual({ ok: true, data: [] });
    const asTarget = await callServerAction<{ ok: boolean; data?: Array<{ id: string }> }>(page, AUDIT_ACTIONS_FILE, "searchAuditUsersAction", { q: adminWord, role: "target" });
    expect(asTarget.data?.map((u) => u.id)).toEqual([admin.id]);

    await signInFresh(page, admin);
    await page.goto(`/admin/audit?target=${target.id}`);
    await expect(page.getByRole("article", { name: byAdmin })).toBeVisible();
    await expect(page.getByRole("article", { name: byPeer })).toBeVisible();
  });

  test("a user sees only their own timeline; the action, the export and the admin pages refuse the rest", async ({ page }) => {
    const user = await makeUser("user", { name: `Uma User ${tag()}` });
    const other = await makeUser("user", { name: `Otto Other ${tag()}` });
    await appendAudit(actorOf(other), { action: "auth.signed_out", details: {} });
    await signIn(page, user);
    await page.goto("/");

    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Activity" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);
    await page.goto("/activity");
    await expect(page.getByRole("article", { name: `${user.name} signed in` })).toBeVisible();
    await expect(page.getByText(other.name)).toHaveCount(0);

    const refused = await callServerAction<{ ok: boolean; error?: string }>(page, AUDIT_ACTIONS_FILE, "readTimelineAction", {
      subject: { kind: "user", userId: other.id },
      filter: {},
    });
    expect(refused).toEqual({ ok: false, error: "You may only read your own activity." });
    const everything = await callServerAction<{ ok: boolean }>(page, AUDIT_ACTIONS_FILE, "readTimelineAction", { subject: { kind: "all" }, filter: {} });
    expect(everything.ok).toBe(false);
    const people = await callServerAction<{ ok: boolean; data?: unknown }>(page, AUDIT_ACTIONS_FILE, "searchAuditUsersAction", { q: other.name.split(" ")[0], role: "target" });
    expect(people).toMatchObject({ ok: false });
    expect(people.data).toBeUndefined();
    const counted = await callServerAction<{ ok: boolean }>(page, AUDIT_ACTIONS_FILE, "countNewerAction", {
      subject: { kind: "user", userId: other.id },
      filter: {},
      since: new Date(0).toISOString(),
    });
    expect(counted.ok).toBe(false);
    const own = await callServerAction<{ ok: boolean; data?: { entries: Array<{ sentence: string }> } }>(page, AUDIT_ACTIONS_FILE, "readTimelineAction", {
      subject: { kind: "user", userId: user.id },
      filter: {},
    });
    expect(own.data?.entries.map((e) => e.sentence)).toContain(`${user.name} signed in`);

    expect((await page.request.get(`/api/audit/export?format=csv&user=${other.id}`)).status()).toBe(403);
    expect((await page.request.get("/api/audit/export?format=csv")).status()).toBe(403);
    expect((await page.goto("/admin/audit"))?.status()).toBe(403);
    expect((await page.goto(`/admin/users/${other.id}/activity`))?.status()).toBe(403);
  });

  test("the user tab of an unknown user is not found", async ({ login, page }) => {
    await login("admin");
    // The not-found page (status 200: this tab's own loading boundary streams before the check).
    for (const id of [randomUUID(), "not-an-id"]) {
      await page.goto(`/admin/users/${id}/activity`);
      await expect(page.getByRole("heading", { level: 1, name: /not found/ })).toBeVisible();
      await expect(page.getByRole("article")).toHaveCount(0);
    }
  });
});

test.describe("tamper evidence", () => {
  test("an entry changed behind the app's back is the one the verify panel reports", async ({ login, page }) => {
    const someone = await makeUser("user");
    await appendAudit(actorOf(someone), { action: "auth.signed_out", details: {} });
    const [entry] = (await listAuditByActor(someone.id)).items;
    expect(entry?.action).toBe("auth.signed_out");
    // Straight to DynamoDB, as someone with write access to the table but not the HMAC key.
    // The entry stays altered for the rest of the run; no other test verifies today.
    await db().send(
      new UpdateCommand({
        TableName: table("auditLogs"),
        Key: { id: entry!.id },
        UpdateExpression: "SET ipAddress = :ip",
        ExpressionAttributeValues: { ":ip": "203.0.113.66" },
      }),
    );

    await login("admin");
    await page.goto("/admin/audit");
    const panel = page.getByRole("region", { name: "Verify the audit log" });
    await expect(panel.getByText("It detects edited entries, not deleted ones")).toBeVisible();
    await expect(panel.getByLabel("From", { exact: true })).toHaveValue(isoDay(new Date()));
    await panel.getByRole("button", { name: "Verify entries" }).click();
    await expect(panel.getByText(/Checked [\d,]+ entries on \d{4}-\d{2}-\d{2} \(UTC\): 1 entry no longer matches its signature\./)).toBeVisible({ timeout: 15_000 });
    const rows = panel.getByRole("table", { name: "Entries whose content was changed" }).getByRole("row");
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText(entry!.id);
    await expect(rows.nth(1)).toContainText("auth.signed_out");
  });

  test("when the server cannot be reached, the verify panel says so and keeps the range as typed", async ({ page }) => {
    const admin = await makeUser("admin");
    await signIn(page, admin);
    await page.goto("/admin/audit");
    const panel = page.getByRole("region", { name: "Verify the audit log" });
    await expect(panel.getByRole("button", { name: "Verify entries" })).toBeEnabled();
    await panel.getByLabel("From", { exact: true }).fill("2026-01-02");
    // The server action's POST never gets an answer, as when the network drops.
    await page.route("**/admin/audit", (route) => (route.request().method() === "POST" ? route.abort("internetdisconnected") : route.continue()));
    await panel.getByRole("button", { name: "Verify entries" }).click();
    await expect(panel.getByRole("alert")).toHaveText("We could not reach the server. Check your connection and try again.");
    await expect(panel.getByLabel("From", { exact: true })).toHaveValue("2026-01-02");
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  });

  test("only admins may verify", async ({ login, page }) => {
    await login("manager");
    await page.goto("/admin/audit");
    await expect(page.getByRole("region", { name: "Verify the audit log" })).toHaveCount(0);
    const today = isoDay(new Date());
    const refused = await callServerAction<{ ok: boolean; error?: string }>(page, AUDIT_ACTIONS_FILE, "verifyAuditAction", { from: today, to: today });
    expect(refused).toEqual({ ok: false, error: "Only admins can verify the audit log." });
  });
});

test.describe("activity chart", () => {
  test("the admin home shows entries per day by group, also as a table", async ({ login, page }) => {
    await login("admin");
    await page.goto("/");
    const figure = page.getByRole("figure", { name: /Audit entries per day for the last 30 days/ });
    await expect(figure.getByRole("img")).toHaveAccessibleName(/entries in all \(users [\d,]+, profiles [\d,]+, files [\d,]+, templates [\d,]+, sign-ins [\d,]+\)/);
    await figure.getByText("Show as table").click();
    const chartTable = figure.getByRole("table");
    await expect(chartTable.getByRole("row")).toHaveCount(31);
    await expect(chartTable.getByRole("columnheader")).toHaveText(["Day", "Users", "Profiles", "Files", "Templates", "Sign-ins", "Total"]);
    // Today (first row): at least this admin's creation and sign-in.
    const today = chartTable.getByRole("row").nth(1);
    await expect(today.getByRole("cell").nth(0)).not.toHaveText("0");
    await expect(today.getByRole("cell").nth(4)).not.toHaveText("0");

    const user = await makeUser("user");
    await signInFresh(page, user);
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
    await expect(page.getByRole("figure")).toHaveCount(0);
  });
});

test.describe("accessibility", () => {
  for (const scheme of ["light", "dark"] as const) {
    test(`the timeline pages and the chart have no serious or critical violations (${scheme})`, async ({ page }) => {
      test.setTimeout(60_000);
      const { admin, jane, sentence } = await editedProfile();
      await page.emulateMedia({ colorScheme: scheme });
      await signInFresh(page, admin);
      await page.goto("/");
      await page.getByRole("figure").getByText("Show as table").click();
      expect(await scan(page), `home (${scheme})`).toEqual([]);

      for (const url of [`/admin/audit?target=${jane.id}`, `/admin/users/${jane.id}/activity`]) {
        await page.goto(url);
        const entry = page.getByRole("article", { name: sentence });
        await entry.getByRole("button", { name: "Details" }).click();
        await expect(entry.getByText("Exact time:")).toBeVisible();
        expect(await scan(page), `${url} (${scheme})`).toEqual([]);
      }

      await signInFresh(page, jane);
      await page.goto("/activity");
      await page.getByRole("article", { name: sentence }).getByRole("button", { name: "Details" }).click();
      expect(await scan(page), `/activity (${scheme})`).toEqual([]);
    });
  }
});

test.describe("investigations on the audit page", () => {
  /** Whether the locators' first elements come in this order in the document. */
  async function inDocumentOrder(page: Page, ...locators: ReturnType<Page["locator"]>[]) {
    const handles = await Promise.all(locators.map((l) => l.first().elementHandle()));
    return page.evaluate((nodes) => nodes.every((node, i) => i === 0 || Boolean(nodes[i - 1]!.compareDocumentPosition(node!) & Node.DOCUMENT_POSITION_FOLLOWING)), handles);
  }

  test("entries come first, under a collapsed filter bar that says what is applied and clears it all", async ({ page }) => {
    const { admin, jane, sentence } = await editedProfile();
    await signIn(page, admin);
    await page.goto(`/admin/audit?target=${jane.id}&action=profile.updated`);
    const filters = page.getByRole("region", { name: "Filters" });
    await expect(page.getByRole("article", { name: sentence })).toBeVisible();
    // Collapsed: one line with the summary, the controls hidden until opened.
    await expect(filters.getByTestId("filter-summary")).toHaveText(`Action: Profile updated · Target: ${jane.name}`);
    await expect(filters.getByRole("combobox", { name: "Actor" })).toBeHidden();
    expect(await inDocumentOrder(page, page.getByRole("heading", { level: 1 }), filters, entries(page), page.getByRole("heading", { name: "Activity", exact: true }), page.getByRole("button", { name: "Export CSV" }))).toBe(true);

    await filters.getByRole("button", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/admin\/audit$/);
    await expect(filters.getByTestId("filter-summary")).toHaveText("No filters");
    await expect(filters.getByRole("button", { name: "Clear filters" })).toHaveCount(0);
    // Back undoes the clearing.
    await page.goBack();
    await expect(filters.getByTestId("filter-summary")).toHaveText(`Action: Profile updated · Target: ${jane.name}`);
    await expect(entries(page)).toHaveCount(1);
  });

  test("the actor and target pickers find the 150th user, from the keyboard and the mouse, and the timeline follows", async ({ page }) => {
    test.setTimeout(120_000);
    const admin = await makeUser("admin", { name: `Ada Admin ${tag()}` });
    const t = tag();
    // 149 people whose names sort first, then the one to find.
    for (let i = 0; i < 149; i += 25) {
      await Promise.all(Array.from({ length: Math.min(25, 149 - i) }, (_, j) => makeUser("user", { name: `Aaron Early${t} ${i + j}` })));
    }
    const late = await makeUser("user", { name: `Zelda Zyx${t}` });
    await appendAudit(actorOf(late), { action: "auth.signed_out", details: {} });
    await appendAudit(actorOf(admin), { action: "user.deactivated", targetUserId: late.id, details: {} });

    await signIn(page, admin);
    await page.goto("/admin/audit");
    const filters = await openFilters(page);
    const actor = filters.getByRole("combobox", { name: "Actor" });
    await actor.click();
    await actor.pressSequentially(`zyx${t}`.toUpperCase());
    const options = filters.getByRole("listbox", { name: "Actor suggestions" }).getByRole("option");
    await expect(options).toHaveCount(1);
    await expect(options.first()).toContainText(late.name);
    await expect(actor).toHaveAttribute("aria-expanded", "true");
    await page.keyboard.press("ArrowDown");
    await expect(actor).toHaveAttribute("aria-activedescendant", /.+/);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`actor=${late.id}`));
    await expect(actor).toHaveValue(late.name);
    await expect(filters.getByTestId("filter-summary")).toHaveText(`Actor: ${late.name}`);
    // Their creation is the fixture's; by them: the sign-out alone.
    await expect(entries(page)).toHaveCount(1);
    await expect(page.getByRole("article", { name: `${late.name} signed out` })).toBeVisible();

    await filters.getByRole("button", { name: "Clear actor" }).click();
    await expect(page).not.toHaveURL(/actor=/);
    const target = filters.getByRole("combobox", { name: "Target user" });
    await target.fill(`zelda zyx${t}`);
    await filters.getByRole("listbox", { name: "Target user suggestions" }).getByRole("option", { name: new RegExp(late.name) }).click();
    await expect(page).toHaveURL(new RegExp(`target=${late.id}`));
    await expect(target).toHaveValue(late.name);
    await expect(page.getByRole("article", { name: `${admin.name} deactivated ${late.name}` })).toBeVisible();
    await expect(page.getByRole("article", { name: `${late.name} signed out` })).toHaveCount(0);

    // Back: the actor filter again, named.
    await page.goBack();
    await page.goBack();
    await expect(page).toHaveURL(new RegExp(`actor=${late.id}`));
    await expect(filters.getByTestId("filter-summary")).toHaveText(`Actor: ${late.name}`);
    await expect(page.getByRole("article", { name: `${late.name} signed out` })).toBeVisible();
  });

  test("a filter change keeps the entries it replaces on screen, busy and dimmed, until the new ones arrive; Back returns", async ({ page }) => {
    const { admin, jane } = await editedProfile();
    await signIn(page, admin);
    await page.goto(`/admin/audit?target=${jane.id}`);
    await expect(entries(page)).toHaveCount(3);
    const filters = await openFilters(page);
    // The next view's server render takes a while, as on a slow network.
    let slow = true;
    await page.route((url) => url.pathname === "/admin/audit" && url.searchParams.has("action"), async (route) => {
      if (slow && route.request().headers()["rsc"]) await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await filters.getByRole("group", { name: "Profiles" }).getByRole("checkbox", { name: "Updated" }).check();
    const busy = page.locator("[aria-busy=true]");
    await expect(busy.getByRole("article")).toHaveCount(3);
    await expect(filters.getByRole("status").filter({ hasText: "Updating…" })).toBeVisible();
    await expect(entries(page)).toHaveCount(1);
    await expect(busy).toHaveCount(0);
    slow = false;
    await page.goBack();
    await expect(page).not.toHaveURL(/action=/);
    await expect(entries(page)).toHaveCount(3);
  });

  test("the chart is on the audit page and follows the filters", async ({ page }) => {
    const { admin, jane } = await editedProfile();
    await backDated(actorOf(admin), "user.deactivated", jane.id, noonDaysAgo(3));
    await signIn(page, admin);
    await page.goto(`/admin/audit?target=${jane.id}`);
    const figure = page.getByRole("figure", { name: /these filters match/ });
    await expect(figure).toHaveAccessibleName("All 4 entries these filters match, per day (UTC) by kind of action.");
    await expect(figure.getByRole("img")).toHaveAccessibleName(/: 4 entries in all \(users 2, profiles 2, files 0, templates 0, sign-ins 0\)/);

    const filters = await openFilters(page);
    await filters.getByRole("group", { name: "Profiles" }).getByRole("checkbox", { name: "Updated" }).check();
    await expect(entries(page)).toHaveCount(1);
    await expect(figure.getByRole("img")).toHaveAccessibleName(/: 1 entry in all \(users 0, profiles 1, files 0, templates 0, sign-ins 0\)/);
    await figure.getByText("Show as table").click();
    const today = figure.getByRole("table").getByRole("row").nth(1);
    await expect(today.getByRole("cell").last()).toHaveText("1");
  });

  test("sentences name profiles and files; ids, raw addresses and the signature wait behind Details; addresses read normalised", async ({ page }) => {
    const admin = await makeUser("admin");
    const avery = await makeUser("user", { name: `Avery Namer ${tag()}` });
    const ctx: AuditContext = { actorId: avery.id, actorRole: "user", ipAddress: "::ffff:198.51.100.23", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36" };
    const work = await createProfile(avery.id, { name: "Work", type: "professional", customFields: {} }, ctx);
    await updateProfile(work.id, work.version, { name: "Office" }, ctx);
    const fileId = randomUUID();
    await appendAudit(ctx, {
      action: "file.uploaded",
      targetUserId: avery.id,
      details: { fileId, purpose: "document", name: "cv.pdf", mimeType: "application/pdf", size: 1200, s3Key: `users/${avery.id}/files/${fileId}/cv.pdf` },
    });

    await signIn(page, admin);
    await page.goto(`/admin/audit?actor=${avery.id}`);
    await expect(page.getByRole("article", { name: `${avery.name} renamed their profile “Work” to “Office”` })).toBeVisible();
    await expect(page.getByRole("article", { name: `${avery.name} created their profile “Work”` })).toBeVisible();
    const upload = page.getByRole("article", { name: `${avery.name} uploaded “cv.pdf”` });
    await expect(upload).toBeVisible();
    await expect(upload.getByText("198.51.100.23")).toBeVisible();
    await expect(upload.getByText("::ffff:198.51.100.23")).toHaveCount(0);
    await expect(upload.getByText(fileId)).toHaveCount(0);
    await expect(page.getByText(work.id)).toHaveCount(0);

    await upload.getByRole("button", { name: "Details" }).click();
    await expect(upload.getByText(fileId, { exact: true })).toBeVisible();
    await expect(upload.getByText(`users/${avery.id}/files/${fileId}/cv.pdf`)).toBeVisible();
    await expect(upload.getByText("::ffff:198.51.100.23")).toBeVisible();
    await expect(upload.getByText(/^[0-9a-f]{64}$/)).toBeVisible();
    await expect(upload.getByText(/Chrome\/131\.0 Safari/)).toBeVisible();
    await upload.getByRole("button", { name: "Hide details" }).click();
    await expect(upload.getByText(fileId)).toHaveCount(0);
  });

  test("timeline entries show the actor's face, or their initials when their default profile has no avatar", async ({ page }) => {
    const admin = await makeUser("admin", { name: `Ada Admin ${tag()}` });
    const faced = await makeUser("user", { name: `Faye Faced ${tag()}` });
    const plain = await makeUser("user", { name: `Pia Plain ${tag()}` });
    const profile = await createProfile(faced.id, { name: "Work", type: "professional", customFields: {} }, actorOf(faced));
    await makeAvatar(faced, profile.id);
    await appendAudit(actorOf(faced), { action: "user.reactivated", targetUserId: plain.id, details: {} });
    await appendAudit(actorOf(plain), { action: "user.deactivated", targetUserId: plain.id, details: {} });

    await signIn(page, admin);
    await page.goto(`/admin/audit?target=${plain.id}`);
    const byFaced = page.getByRole("article", { name: `${faced.name} reactivated ${plain.name}` });
    const image = byFaced.locator("img");
    await expect(image).toHaveAttribute("src", new RegExp(`/api/avatars/${faced.id}\\?v=[\\w-]{12}$`));
    // Decorative: the sentence names them.
    await expect(image).toHaveAttribute("alt", "");
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    const byPlain = page.getByRole("article", { name: `${plain.name} deactivated themselves` });
    await expect(byPlain.locator("img")).toHaveCount(0);
    await expect(byPlain.getByText(initials(plain.name), { exact: true })).toBeVisible();
  });

  for (const scheme of ["light", "dark"] as const) {
    test(`on a phone (390 px) nothing scrolls sideways, entries read, the bar opens, and axe finds nothing serious (${scheme})`, async ({ page }) => {
      const { admin, jane, sentence } = await editedProfile();
      await page.setViewportSize({ width: 390, height: 844 });
      await page.emulateMedia({ colorScheme: scheme });
      await signIn(page, admin);
      await page.goto(`/admin/audit?target=${jane.id}&from=${isoDay(noonDaysAgo(7))}`);
      const noSideways = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      const entry = page.getByRole("article", { name: sentence });
      await expect(entry).toBeVisible();
      const box = (await entry.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      expect(await noSideways()).toBe(true);
      expect(await scan(page), `collapsed (${scheme})`).toEqual([]);

      const filters = await openFilters(page);
      await filters.getByRole("combobox", { name: "Actor" }).fill(admin.name.split(" ").at(-1)!);
      await expect(filters.getByRole("listbox", { name: "Actor suggestions" }).getByRole("option")).toHaveCount(1);
      // Escape closes the list, then puts the field back as it was.
      await page.keyboard.press("Escape");
      await expect(filters.getByRole("listbox", { name: "Actor suggestions" })).toBeHidden();
      await page.keyboard.press("Escape");
      await entry.getByRole("button", { name: "Details" }).click();
      expect(await noSideways()).toBe(true);
      expect(await scan(page), `open (${scheme})`).toEqual([]);
    });
  }
});
