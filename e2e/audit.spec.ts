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
  return { admin, jane, sentence: `${admin.name} changed ${jane.name}'s Work Profile` };
}

const entries = (page: Page) => page.getByRole("article");

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
    const filters = page.getByRole("region", { name: "Filters" });
    await expect(filters.getByLabel("Target user")).toHaveValue(jane.id);

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
    await filters.getByLabel("From", { exact: true }).fill(isoDay(noonDaysAgo(12)));
    await expect(page).toHaveURL(new RegExp(`from=${isoDay(noonDaysAgo(12))}`));
    await expect(entries(page)).toHaveCount(4);
    await filters.getByLabel("To", { exact: true }).fill(isoDay(noonDaysAgo(8)));
    await expect(entries(page)).toHaveCount(1);
    await expect(page.getByRole("article", { name: `${admin.name} deactivated ${jane.name}` })).toBeVisible();

    // The filtered view survives a reload: it lives in the URL.
    await page.reload();
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
