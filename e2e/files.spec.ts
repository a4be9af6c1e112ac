// "My files" and a managed user's files: paging, filters in the URL, rename, tags, expiry,
// public links (signed out), download, delete, who may see which page, and accessibility.
import type { Page } from "@playwright/test";
import { listAuditByTarget } from "@/lib/db/audit";
import { getFile, listFiles, updateFile } from "@/lib/db/files";
import type { User } from "@/lib/validation/users";
import { makeUser, signIn } from "./fixtures/users";
import { makeFile, objectExists, objectKeys, pdfBytes, pngBytes } from "./fixtures/files";
import { expect, test } from "./fixtures";
import { seriousViolations as scan } from "./fixtures/accessibility";

const fileTable = (page: Page, name = "Your files") => page.getByRole("table", { name });
const fileRow = (page: Page, name: string) => fileTable(page).getByRole("row", { name: new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) });

async function openFiles(page: Page, user: User) {
  await signIn(page, user);
  await page.goto("/files");
  await expect(page.getByRole("heading", { level: 1, name: "My files" })).toBeVisible();
}

const pdf = (name: string, extra: Partial<Parameters<typeof makeFile>[1]> = {}) => ({ name, type: "application/pdf", bytes: pdfBytes(name), ...extra });

test.describe("my files", () => {
  test("lists files newest first, 25 at a time, with more on request", async ({ page }) => {
    const user = await makeUser("user");
    for (let i = 1; i <= 27; i++) await makeFile(user, pdf(`page-${String(i).padStart(2, "0")}.pdf`));
    await openFiles(page, user);

    const rows = fileTable(page).getByRole("row");
    await expect(rows).toHaveCount(26); // a header row and 25 files
    await expect(rows.nth(1)).toContainText("page-27.pdf");
    await expect(page.getByText("25 files shown, more to load")).toBeVisible();
    await page.getByRole("button", { name: "Load more files" }).click();
    await expect(rows).toHaveCount(28);
    await expect(rows.last()).toContainText("page-01.pdf");
    await expect(page.getByText("27 files shown")).toBeVisible();
    await expect(page.getByRole("button", { name: "Load more files" })).toHaveCount(0);
  });

  test("filters by tag and type, kept in the URL", async ({ page }) => {
    const user = await makeUser("user");
    await makeFile(user, pdf("tax-return.pdf", { tags: ["tax"] }));
    await makeFile(user, { name: "receipt.png", type: "image/png", bytes: pngBytes(4, 4), tags: ["tax", "photo"] });
    await makeFile(user, { name: "notes.txt", type: "text/plain", bytes: Buffer.from("notes\n") });
    await openFiles(page, user);
    await expect(fileTable(page).getByRole("row")).toHaveCount(4);

    const filters = page.getByRole("search", { name: "Filter files" });
    await filters.getByLabel("Tag").fill("tax");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/\/files\?tag=tax$/);
    await expect(fileTable(page).getByRole("row")).toHaveCount(3);
    await expect(fileRow(page, "notes.txt")).toHaveCount(0);

    await filters.getByLabel("Type").selectOption({ label: "Images" });
    await expect(page).toHaveURL(/\/files\?tag=tax&kind=image$/);
    await expect(fileTable(page).getByRole("row")).toHaveCount(2);
    await expect(fileRow(page, "receipt.png")).toBeVisible();

    // The server renders the same filter from the URL.
    await page.reload();
    await expect(page.getByRole("search", { name: "Filter files" }).getByLabel("Tag")).toHaveValue("tax");
    await expect(page.getByRole("search", { name: "Filter files" }).getByLabel("Type")).toHaveValue("image");
    await expect(fileTable(page).getByRole("row")).toHaveCount(2);

    await page.getByRole("search", { name: "Filter files" }).getByLabel("Tag").fill("nothing-has-this");
    await page.getByRole("search", { name: "Filter files" }).getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByText("No files match these filters")).toBeVisible();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/files$/);
    await expect(fileTable(page).getByRole("row")).toHaveCount(4);
  });

  test("renames, edits tags and sets and removes an expiry, from the keyboard", async ({ page }) => {
    const user = await makeUser("user");
    const file = await makeFile(user, pdf("draft.pdf"));
    await openFiles(page, user);

    await fileRow(page, "draft.pdf").getByRole("button", { name: "Rename draft.pdf" }).focus();
    await page.keyboard.press("Enter");
    const rename = page.getByRole("dialog", { name: "Rename draft.pdf" });
    await expect(rename.getByLabel("Name")).toBeFocused();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("Final report.pdf");
    await page.keyboard.press("Enter");
    await expect(rename).toBeHidden();
    await expect(fileRow(page, "Final report.pdf")).toBeVisible();

    await fileRow(page, "Final report.pdf").getByRole("button", { name: "Edit tags Final report.pdf" }).click();
    const tags = page.getByRole("dialog", { name: "Tags of Final report.pdf" });
    await tags.getByLabel("Tags").fill("ok, <script>");
    await tags.getByRole("button", { name: "Save tags" }).click();
    await expect(tags.getByText("Tags are 1–40 letters, digits, spaces, _ or -.")).toBeVisible();
    await tags.getByLabel("Tags").fill("tax, 2025, tax");
    await tags.getByRole("button", { name: "Save tags" }).click();
    await expect(tags).toBeHidden();
    await expect(fileRow(page, "Final report.pdf").getByRole("list", { name: "Tags of Final report.pdf" }).getByRole("listitem")).toHaveText(["tax", "2025"]);

    await fileRow(page, "Final report.pdf").getByRole("button", { name: "Set expiry Final report.pdf" }).click();
    const expiry = page.getByRole("dialog", { name: "Expiry of Final report.pdf" });
    await expiry.getByLabel("Expires at").fill("2001-01-01T00:00");
    await expiry.getByRole("button", { name: "Save expiry" }).click();
    await expect(expiry.getByText("The expiry must be in the future.")).toBeVisible();
    await expiry.getByLabel("Expires at").fill("2099-01-02T03:04");
    await expiry.getByRole("button", { name: "Save expiry" }).click();
    await expect(expiry).toBeHidden();
    const browserZoneIso = await page.evaluate(() => new Date("2099-01-02T03:04").toISOString());
    await expect(fileRow(page, "Final report.pdf")).toContainText(`${browserZoneIso.slice(0, 10)} ${browserZoneIso.slice(11, 16)} UTC`);

    await fileRow(page, "Final report.pdf").getByRole("button", { name: "Change expiry Final report.pdf" }).click();
    await expect(expiry.getByLabel("Expires at")).toHaveValue("2099-01-02T03:04");
    await expiry.getByRole("button", { name: "Remove expiry" }).click();
    await expect(expiry).toBeHidden();
    await expect(fileRow(page, "Final report.pdf").getByRole("cell", { name: "Never" })).toBeVisible();

    expect(await getFile(file.id, { consistent: true })).toMatchObject({ displayName: "Final report.pdf", tags: ["tax", "2025"], version: file.version + 4 });
    expect(await getFile(file.id, { consistent: true }).then((f) => f?.expiresAt)).toBeUndefined();
    const updates = (await listAuditByTarget(user.id)).items.filter((e) => e.action === "file.updated");
    expect(updates.map((e) => e.details.affectedFields)).toEqual([["expiresAt"], ["expiresAt"], ["tags"], ["displayName"]]);
  });

  test("a stale version is refused with a clear message and the row catches up", async ({ page }) => {
    const user = await makeUser("user");
    const file = await makeFile(user, pdf("shared.pdf"));
    await openFiles(page, user);
    // Someone else renames it after the page loaded.
    await updateFile(file.id, file.version, { displayName: "renamed elsewhere.pdf" }, { actorId: user.id });
    await fileRow(page, "shared.pdf").getByRole("button", { name: "Rename shared.pdf" }).click();
    // Its title follows the row, which catches up with the other change once refused.
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name").fill("mine.pdf");
    await dialog.getByRole("button", { name: "Save name" }).click();
    await expect(dialog.getByRole("alert")).toHaveText("This file was changed by someone else since you opened it.");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(fileRow(page, "renamed elsewhere.pdf")).toBeVisible();
  });

  test("a public file's link works signed out, and answers 404 once it is private again", async ({ page, browser }) => {
    const user = await makeUser("user");
    const bytes = pdfBytes("public handout");
    await makeFile(user, { name: "handout.pdf", type: "application/pdf", bytes });
    await openFiles(page, user);

    await fileRow(page, "handout.pdf").getByRole("button", { name: "Make public handout.pdf" }).click();
    const link = fileRow(page, "handout.pdf").getByRole("link", { name: "Public link of handout.pdf" });
    await expect(link).toBeVisible();
    const href = await link.getAttribute("href");
    expect(href).toMatch(/^\/f\/[0-9a-f-]{36}$/);
    const url = new URL(href!, page.url()).href;

    const stranger = await browser.newContext();
    try {
      const redirect = await stranger.request.get(url, { maxRedirects: 0 });
      expect(redirect.status()).toBe(302);
      expect(redirect.headers().location).toContain(process.env.S3_ENDPOINT);
      const followed = await stranger.request.get(url);
      expect(followed.status()).toBe(200);
      expect(followed.headers()["content-disposition"]).toMatch(/^attachment/);
      expect(Buffer.from(await followed.body()).equals(bytes)).toBe(true);

      await fileRow(page, "handout.pdf").getByRole("button", { name: "Make private handout.pdf" }).click();
      await expect(fileRow(page, "handout.pdf").getByRole("button", { name: "Make public handout.pdf" })).toBeVisible();
      await expect(fileRow(page, "handout.pdf").getByText("Private", { exact: true })).toBeVisible();
      expect((await stranger.request.get(url, { maxRedirects: 0 })).status()).toBe(404);
    } finally {
      await stranger.close();
    }
  });

  test("a public link stops working when the file expires", async ({ browser }) => {
    const user = await makeUser("user");
    const file = await makeFile(user, pdf("brief.pdf", { isPublic: true }));
    const stranger = await browser.newContext();
    try {
      expect((await stranger.request.get(`/f/${file.id}`, { maxRedirects: 0 })).status()).toBe(302);
      await updateFile(file.id, file.version, { expiresAt: new Date(Date.now() + 1_000).toISOString() }, { actorId: user.id });
      await expect.poll(async () => (await stranger.request.get(`/f/${file.id}`, { maxRedirects: 0 })).status(), { timeout: 10_000 }).toBe(404);
    } finally {
      await stranger.close();
    }
  });

  test("deletes a file: gone from the list, the metadata and S3, with an audit entry", async ({ page }) => {
    const user = await makeUser("user");
    const keep = await makeFile(user, pdf("keep.pdf"));
    const doomed = await makeFile(user, pdf("obsolete.pdf"));
    expect(await objectExists(doomed.s3Key)).toBe(true);
    await openFiles(page, user);

    await fileRow(page, "obsolete.pdf").getByRole("button", { name: "Delete obsolete.pdf" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete obsolete.pdf?" });
    await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
    await confirm.getByRole("button", { name: "Delete file" }).click();
    await expect(fileRow(page, "obsolete.pdf")).toHaveCount(0);
    await expect(fileRow(page, "keep.pdf")).toBeVisible();

    expect(await getFile(doomed.id, { consistent: true })).toBeNull();
    expect(await objectExists(doomed.s3Key)).toBe(false);
    expect(await objectKeys(user.id)).toEqual([keep.s3Key]);
    const deleted = (await listAuditByTarget(user.id)).items.find((e) => e.action === "file.deleted");
    expect(deleted?.details).toMatchObject({ fileId: doomed.id, name: "obsolete.pdf" });

    await page.reload();
    await expect(fileRow(page, "obsolete.pdf")).toHaveCount(0);
  });

  test("an image downloads by opening in a new tab, inline", async ({ page }) => {
    const user = await makeUser("user");
    const bytes = pngBytes(8, 8);
    await makeFile(user, { name: "chart.png", type: "image/png", bytes });
    await openFiles(page, user);
    const opened = page.context().waitForEvent("page");
    await fileRow(page, "chart.png").getByRole("button", { name: "Download chart.png" }).click();
    const tab = await opened;
    await tab.waitForLoadState();
    expect(tab.url().startsWith(process.env.S3_ENDPOINT!)).toBe(true);
    const response = await page.request.get(tab.url());
    expect(response.headers()["content-disposition"]).toMatch(/^inline/);
    expect(Buffer.from(await response.body()).equals(bytes)).toBe(true);
    await tab.close();
  });
});

test.describe("a managed user's files", () => {
  test("an admin sees a user's files and uploads into their space", async ({ page }) => {
    const admin = await makeUser("admin");
    const user = await makeUser("user", { name: "Filed User" });
    await makeFile(user, pdf("theirs.pdf"));
    await signIn(page, admin);
    await page.goto(`/admin/users/${user.id}/files`);
    await expect(page.getByRole("heading", { level: 1, name: "Files of Filed User" })).toBeVisible();
    await expect(fileTable(page, "Files of Filed User").getByRole("row", { name: /theirs\.pdf/ })).toBeVisible();

    await page.getByLabel("Choose files").setInputFiles({ name: "from-admin.txt", mimeType: "text/plain", buffer: Buffer.from("for you\n") });
    await expect(page.getByRole("list", { name: "Uploads" })).toContainText("Uploaded");
    await expect(fileTable(page, "Files of Filed User").getByRole("row", { name: /from-admin\.txt/ })).toBeVisible();
    const uploaded = (await listFiles(user.id)).items.find((f) => f.displayName === "from-admin.txt");
    expect(uploaded?.s3Key).toMatch(new RegExp(`^users/${user.id}/uploads/`));
    expect(await objectKeys(admin.id)).toEqual([]);
  });

  test("a manager may see a user's files but not an admin's; a user gets no admin pages", async ({ login, page }) => {
    await login("manager");
    const admin = await makeUser("admin");
    const user = await makeUser("user");
    expect((await page.goto(`/admin/users/${user.id}/files`))?.status()).toBe(200);
    // Not found, shown as such (status 200: this page's own loading boundary streams first).
    for (const path of [`/admin/users/${admin.id}/files`, "/admin/users/not-a-uuid/files"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: /not found/ })).toBeVisible();
      await expect(page.getByRole("heading", { name: /Files of/ })).toHaveCount(0);
    }

    await page.context().clearCookies();
    await signIn(page, user);
    expect((await page.goto(`/admin/users/${user.id}/files`))?.status()).toBe(403);
  });
});

test.describe("accessibility", () => {
  for (const scheme of ["light", "dark"] as const) {
    test(`the files page, empty and full, with refusals and a dialog, has no serious or critical violations (${scheme})`, async ({ page }) => {
      // Three full axe scans: each takes seconds on a busy 2-core machine.
      test.setTimeout(60_000);
      await page.emulateMedia({ colorScheme: scheme });
      const user = await makeUser("user");
      await openFiles(page, user);
      await expect(page.getByText("No files yet")).toBeVisible();
      expect(await scan(page), `empty (${scheme})`).toEqual([]);

      await makeFile(user, pdf("plan.pdf", { tags: ["work"] }));
      await makeFile(user, { name: "team.png", type: "image/png", bytes: pngBytes(4, 4), isPublic: true });
      await page.reload();
      await expect(fileTable(page).getByRole("row")).toHaveCount(3);
      await page.getByLabel("Choose files").setInputFiles([
        { name: "virus.exe", mimeType: "application/x-msdownload", buffer: Buffer.from("MZ") },
        { name: "ok.txt", mimeType: "text/plain", buffer: Buffer.from("fine\n") },
      ]);
      await expect(page.getByRole("list", { name: "Uploads" })).toContainText("Uploaded");
      expect(await scan(page), `with files and uploads (${scheme})`).toEqual([]);

      await fileRow(page, "plan.pdf").getByRole("button", { name: "Rename plan.pdf" }).click();
      await expect(page.getByRole("dialog", { name: "Rename plan.pdf" })).toBeVisible();
      expect(await scan(page), `rename dialog (${scheme})`).toEqual([]);
    });
  }
});
