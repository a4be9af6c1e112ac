// "My files" and a managed user's files: paging, filters in the URL, rename, tags, expiry,
// public links (signed out), download, delete, who may see which page, and accessibility.
import type { Page } from "@playwright/test";
import { listAuditByTarget } from "@/lib/db/audit";
import { getFile, listFiles, updateFile } from "@/lib/db/files";
import type { User } from "@/lib/validation/users";
import { makeUser, signIn } from "./fixtures/users";
import { makeFile, makeProfileImage, objectExists, objectKeys, pdfBytes, pngBytes } from "./fixtures/files";
import { makeProfile } from "./fixtures/profiles";
import { getProfile } from "@/lib/db/profiles";
import { expect, test } from "./fixtures";
import { seriousViolations as scan } from "./fixtures/accessibility";

const fileTable = (page: Page, name = "Your files") => page.getByRole("table", { name });
const fileRow = (page: Page, name: string) => fileTable(page).getByRole("row", { name: new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) });

const actionsButton = (page: Page, name: string) => fileRow(page, name).getByRole("button", { name: `Actions for ${name}` });

/** Opens a row's actions menu and picks one of its items. */
async function act(page: Page, name: string, item: string) {
  await actionsButton(page, name).click();
  await page.getByRole("menu", { name: `Actions for ${name}` }).getByRole("menuitem", { name: item, exact: true }).click();
}

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

    // The menu button: announced as a menu, opened by Enter on its first item, arrows move.
    const button = actionsButton(page, "draft.pdf");
    await expect(button).toHaveAttribute("aria-haspopup", "menu");
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await button.focus();
    await page.keyboard.press("Enter");
    const menu = page.getByRole("menu", { name: "Actions for draft.pdf" });
    await expect(menu.getByRole("menuitem", { name: "Download" })).toBeFocused();
    await expect(button).toHaveAttribute("aria-expanded", "true");
    await page.keyboard.press("End");
    await expect(menu.getByRole("menuitem", { name: "Delete" })).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(menu.getByRole("menuitem", { name: "Download" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(menu).toBeHidden();
    await expect(button).toBeFocused();
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await page.keyboard.press("Enter");
    await page.keyboard.press("ArrowDown");
    await expect(menu.getByRole("menuitem", { name: "Rename" })).toBeFocused();
    await page.keyboard.press("Enter");
    const rename = page.getByRole("dialog", { name: "Rename draft.pdf" });
    await expect(rename.getByLabel("Name")).toBeFocused();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("Final report.pdf");
    await page.keyboard.press("Enter");
    await expect(rename).toBeHidden();
    await expect(fileRow(page, "Final report.pdf")).toBeVisible();

    await act(page, "Final report.pdf", "Edit tags");
    const tags = page.getByRole("dialog", { name: "Tags of Final report.pdf" });
    await tags.getByLabel("Tags").fill("ok, <script>");
    await tags.getByRole("button", { name: "Save tags" }).click();
    await expect(tags.getByText("Tags are 1–40 letters, digits, spaces, _ or -.")).toBeVisible();
    await tags.getByLabel("Tags").fill("tax, 2025, tax");
    await tags.getByRole("button", { name: "Save tags" }).click();
    await expect(tags).toBeHidden();
    await expect(fileRow(page, "Final report.pdf").getByRole("list", { name: "Tags of Final report.pdf" }).getByRole("listitem")).toHaveText(["tax", "2025"]);

    await act(page, "Final report.pdf", "Set expiry");
    const expiry = page.getByRole("dialog", { name: "Expiry of Final report.pdf" });
    await expiry.getByLabel("Expires at").fill("2001-01-01T00:00");
    await expiry.getByRole("button", { name: "Save expiry" }).click();
    await expect(expiry.getByText("The expiry must be in the future.")).toBeVisible();
    await expiry.getByLabel("Expires at").fill("2099-01-02T03:04");
    await expiry.getByRole("button", { name: "Save expiry" }).click();
    await expect(expiry).toBeHidden();
    const browserZoneIso = await page.evaluate(() => new Date("2099-01-02T03:04").toISOString());
    await expect(fileRow(page, "Final report.pdf")).toContainText(`${browserZoneIso.slice(0, 10)} ${browserZoneIso.slice(11, 16)} UTC`);

    await act(page, "Final report.pdf", "Change expiry");
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
    await act(page, "shared.pdf", "Rename");
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

    await act(page, "handout.pdf", "Make public");
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

      await act(page, "handout.pdf", "Make private");
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

    await act(page, "obsolete.pdf", "Delete");
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

  test("an image downloads under its name as an attachment, without leaving the page", async ({ page }) => {
    const user = await makeUser("user");
    const bytes = pngBytes(8, 8);
    await makeFile(user, { name: "Été chart.png", type: "image/png", bytes });
    await openFiles(page, user);
    const before = page.url();
    let opened = false;
    page.context().on("page", () => (opened = true));
    const [download] = await Promise.all([page.waitForEvent("download"), act(page, "Été chart.png", "Download")]);
    expect(download.suggestedFilename()).toBe("Été chart.png");
    expect(page.url()).toBe(before);
    expect(opened).toBe(false);
    const url = download.url();
    expect(url.startsWith(process.env.S3_ENDPOINT!)).toBe(true);
    const response = await page.request.get(url);
    expect(response.headers()["content-disposition"]).toBe(`attachment; filename="_t_ chart.png"; filename*=UTF-8''${encodeURIComponent("Été chart.png")}`);
    expect(Buffer.from(await response.body()).equals(bytes)).toBe(true);
  });

  test("rows stay one line tall with image thumbnails, whatever the name and tags", async ({ page }) => {
    const user = await makeUser("user");
    await makeFile(user, pdf(`${"A very long file name that goes on and on ".repeat(4)}.pdf`, { tags: ["one", "two", "three", "four", "five", "six"] }));
    await makeFile(user, { name: "photo.png", type: "image/png", bytes: pngBytes(40, 40) });
    await makeFile(user, pdf("short.pdf"));
    await openFiles(page, user);
    const rows = fileTable(page).locator("tbody tr");
    await expect(rows).toHaveCount(3);
    const thumbnail = fileRow(page, "photo.png").locator("img");
    await expect(thumbnail).toHaveAttribute("alt", "");
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(40);
    await expect(fileRow(page, "short.pdf").locator("img")).toHaveCount(0);
    const heights = await rows.evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height));
    expect(new Set(heights).size, `row heights ${heights.join(", ")}`).toBe(1);
    expect(heights[0]).toBeLessThan(64);
    // The long name is cut with an ellipsis and given whole as its title.
    const name = fileRow(page, "A very long").locator("th span[title]");
    await expect(name).toHaveAttribute("title", /^A very long file name/);
    expect(await name.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  });

  test("search by name ignores case and accents, and tags ignore case", async ({ page }) => {
    const user = await makeUser("user");
    await makeFile(user, pdf("Rapport Été 2025.pdf", { tags: ["CV"] }));
    await makeFile(user, pdf("summer notes.pdf", { tags: ["cv", "Work"] }));
    await makeFile(user, pdf("invoice.pdf", { tags: ["tax"] }));
    await openFiles(page, user);
    const filters = page.getByRole("search", { name: "Filter files" });

    await filters.getByLabel("Name").fill("ete RAPP");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/\/files\?q=ete\+RAPP$/);
    await expect(fileTable(page).locator("tbody tr")).toHaveCount(1);
    await expect(fileRow(page, "Rapport Été 2025.pdf")).toBeVisible();
    await filters.getByLabel("Name").fill("notes");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(fileTable(page).locator("tbody tr")).toHaveCount(1);
    await expect(fileRow(page, "summer notes.pdf")).toBeVisible();

    await page.getByRole("button", { name: "Clear filters" }).click();
    await filters.getByLabel("Tag").fill("Cv");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(fileTable(page).locator("tbody tr")).toHaveCount(2);
    await expect(fileRow(page, "invoice.pdf")).toHaveCount(0);

    // Saving "cv" next to "CV" keeps one tag, spelt as first typed.
    await page.getByRole("button", { name: "Clear filters" }).click();
    await act(page, "invoice.pdf", "Edit tags");
    const tags = page.getByRole("dialog", { name: "Tags of invoice.pdf" });
    await tags.getByLabel("Tags").fill("Résumé, CV, cv, résumé, Cv");
    await tags.getByRole("button", { name: "Save tags" }).click();
    await expect(tags).toBeHidden();
    await expect(fileRow(page, "invoice.pdf").getByRole("list", { name: "Tags of invoice.pdf" }).getByRole("listitem")).toHaveText(["Résumé", "CV"]);
  });

  test("profile images are kept apart by a purpose filter, and deleting one says what it removes", async ({ page }) => {
    const user = await makeUser("user");
    const profile = await makeProfile(user, {}, "Work");
    const avatar = await makeProfileImage(user, profile.id, "avatar", pngBytes(16, 16), "me.png");
    await makeFile(user, pdf("contract.pdf"));
    await openFiles(page, user);
    await expect(fileTable(page).locator("tbody tr")).toHaveCount(1);
    await expect(fileRow(page, "contract.pdf")).toBeVisible();

    const filters = page.getByRole("search", { name: "Filter files" });
    await filters.getByLabel("Purpose").selectOption({ label: "Profile images" });
    await expect(page).toHaveURL(/\/files\?purpose=profile-images$/);
    await expect(fileTable(page).locator("tbody tr")).toHaveCount(1);
    await expect(fileRow(page, "me.png")).toContainText("Avatar of Work");
    await filters.getByLabel("Purpose").selectOption({ label: "All files" });
    await expect(fileTable(page).locator("tbody tr")).toHaveCount(2);

    await act(page, "me.png", "Delete");
    const confirm = page.getByRole("dialog", { name: "Delete me.png?" });
    await expect(confirm).toContainText("This removes the avatar of profile \u201cWork\u201d.");
    await confirm.getByRole("button", { name: "Delete file" }).click();
    await expect(fileRow(page, "me.png")).toHaveCount(0);
    expect(await getFile(avatar.id, { consistent: true })).toBeNull();
    expect((await getProfile(profile.id, { consistent: true }))?.avatarFileId).toBeUndefined();
  });

  test("at 390 px wide, rows fit without scrolling sideways and the menu is reachable", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const user = await makeUser("user");
    await makeFile(user, pdf(`${"Quarterly figures ".repeat(5)}.pdf`, { tags: ["finance"] }));
    await makeFile(user, { name: "logo.png", type: "image/png", bytes: pngBytes(8, 8) });
    await openFiles(page, user);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const box = await fileTable(page).evaluate((table) => ({ scroll: table.parentElement!.scrollWidth, client: table.parentElement!.clientWidth }));
    expect(box.scroll).toBeLessThanOrEqual(box.client);
    await actionsButton(page, "logo.png").click();
    const menu = page.getByRole("menu", { name: "Actions for logo.png" });
    await expect(menu).toBeInViewport({ ratio: 1 });
    await menu.getByRole("menuitem", { name: "Rename" }).click();
    await expect(page.getByRole("dialog", { name: "Rename logo.png" })).toBeVisible();
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await scan(page), `390 px, dialog (${scheme})`).toEqual([]);
    }
    await page.getByRole("dialog", { name: "Rename logo.png" }).getByRole("button", { name: "Cancel" }).click();
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await scan(page), "390 px (dark)").toEqual([]);
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
      // Four full axe scans: each takes seconds on a busy 2-core machine.
      test.setTimeout(90_000);
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

      await actionsButton(page, "plan.pdf").click();
      await expect(page.getByRole("menu", { name: "Actions for plan.pdf" })).toBeVisible();
      expect(await scan(page), `actions menu (${scheme})`).toEqual([]);
      await page.getByRole("menu", { name: "Actions for plan.pdf" }).getByRole("menuitem", { name: "Rename" }).click();
      await expect(page.getByRole("dialog", { name: "Rename plan.pdf" })).toBeVisible();
      expect(await scan(page), `rename dialog (${scheme})`).toEqual([]);
    });
  }
});
