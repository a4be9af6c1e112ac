// /admin/templates: the list with the sample created at setup, archiving with a confirmation,
// the action refusing a plain user whatever the UI hides, and axe in light and dark; creating
// and editing through the form (thumbnail included) and as JSON, problems on their rows and at
// their line:column, a stale save that keeps what was typed. The run's
// database is shared: the test archives a template of its own, never the sample.
import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { getTemplateMetadata } from "@/lib/db/templates";
import { createTemplate, getTemplate, listTemplates, updateTemplate } from "@/lib/templates/service";
import sample from "@/lib/templates/sample-template.json";
import { expect, test } from "./fixtures";
import { seriousViolations } from "./fixtures/accessibility";
import { objectExists, pngBytes } from "./fixtures/files";
import { callServerAction } from "./fixtures/server-actions";
import { FIXTURE_CTX, makeUser, signIn } from "./fixtures/users";

test.describe.configure({ timeout: 60_000 });

const ACTIONS = "lib/actions/templates/template-actions.ts";

test("a manager sees the sample, archives a template after confirming, and it moves to Archived", async ({ page }) => {
  const title = `E2E template ${randomUUID().slice(0, 8)}`;
  const made = await createTemplate({ ...sample, title }, FIXTURE_CTX);
  await signIn(page, await makeUser("manager"));
  await page.goto("/admin/templates");
  await expect(page.getByRole("heading", { level: 1, name: "Templates" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: sample.title })).toBeVisible();
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: title }) });
  await expect(row.getByRole("cell", { name: "Professional" })).toBeVisible();

  await row.getByRole("button", { name: `Archive ${title}` }).click();
  const dialog = page.getByRole("dialog", { name: `Archive “${title}”?` });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect((await getTemplateMetadata(made.id, { consistent: true }))?.status).toBe("active");

  await row.getByRole("button", { name: `Archive ${title}` }).click();
  await dialog.getByRole("button", { name: "Archive template" }).click();
  await expect(page.getByText(`Archived “${title}”.`)).toBeVisible();
  await expect(page.getByRole("rowheader", { name: title })).toBeHidden();
  expect((await getTemplateMetadata(made.id, { consistent: true }))?.status).toBe("archived");

  await page.getByRole("link", { name: "Archived" }).click();
  await expect(page.getByRole("rowheader", { name: title })).toBeVisible();
});

test("a plain user can neither open the page nor archive through the action", async ({ page }) => {
  const made = await createTemplate({ ...sample, title: `Kept ${randomUUID().slice(0, 8)}` }, FIXTURE_CTX);
  await signIn(page, await makeUser("user"));
  const response = await page.goto("/admin/templates");
  expect(response?.status()).toBe(403);
  const result = await callServerAction<{ ok: boolean }>(page, ACTIONS, "archiveTemplateAction", { id: made.id, version: 1 });
  expect(result.ok).toBe(false);
  expect((await getTemplateMetadata(made.id, { consistent: true }))?.status).toBe("active");
});

for (const scheme of ["light", "dark"] as const) {
  test(`the templates page and its dialog pass axe in ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await signIn(page, await makeUser("admin"));
    await page.goto("/admin/templates");
    await expect(page.getByRole("rowheader", { name: sample.title })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: `Archive ${sample.title}` }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Cancel" }).click();
  });
}

test("a template typed as JSON is created, and the schema's problems are listed with line:column without losing what was typed", async ({ page }) => {
  await signIn(page, await makeUser("admin"));
  await page.goto("/admin/templates/new");
  await page.getByRole("button", { name: "JSON", exact: true }).click();
  const box = page.getByRole("textbox", { name: "Template document (JSON)" });
  await page.getByRole("button", { name: "Create template" }).click();
  // The sample's text with an empty title: line 3 is `  "title": "",`.
  await expect(page.getByText("title: line 3, column 12: A title is required.")).toBeVisible();
  const title = `Typed ${randomUUID().slice(0, 8)}`;
  const typed = JSON.stringify({ ...sample, title }, null, 2);
  await box.fill(`${typed},`);
  await page.getByRole("button", { name: "Create template" }).click();
  await expect(page.getByText("This is not valid JSON.")).toBeVisible();
  const end = typed.split("\n");
  await expect(page.getByText(`line ${end.length}, column ${end.at(-1)!.length + 1}: Nothing may follow the document.`)).toBeVisible();
  await expect(box).toHaveValue(`${typed},`);
  // Too large: refused with the limit and its size (the server refuses it too: service.int.test.ts).
  const huge = JSON.stringify({ ...sample, title, description: "x".repeat(300 * 1024) });
  await box.fill(huge);
  await page.getByRole("button", { name: "Create template" }).click();
  await expect(page.getByText(/A template can be at most 256(\.0)? KB \(this one is 30\d(\.\d)? KB\)\./).first()).toBeVisible();
  await box.fill(typed);
  await page.getByRole("button", { name: "Create template" }).click();
  await expect(page.getByRole("rowheader", { name: title })).toBeVisible();
});

const group = (page: Page, name: string) => page.getByRole("group", { name, exact: true });
const titleBox = (page: Page) => page.getByRole("textbox", { name: "Title", exact: true });

/** Line and column (from 1) of the first `needle` in `text` at or after `from`. */
function at(text: string, needle: string, from = 0) {
  const offset = text.indexOf(needle, from);
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${before.at(-1)!.length + 1}`;
}

test("an admin creates a template through the form with a thumbnail, and the list shows it", async ({ page }) => {
  await signIn(page, await makeUser("admin"));
  await page.goto("/admin/templates/new");
  const title = `Form ${randomUUID().slice(0, 8)}`;
  await titleBox(page).fill(title);
  const picker = page.getByLabel("Thumbnail image");
  // Refused in the browser before any byte is sent: another type, and bytes that are no image.
  await picker.setInputFiles({ name: "moving.gif", mimeType: "image/gif", buffer: Buffer.from("GIF89a") });
  await expect(picker).toHaveAccessibleDescription(/A thumbnail must be a JPG, PNG or WebP image\./);
  await picker.setInputFiles({ name: "fake.png", mimeType: "image/png", buffer: Buffer.from("<html>not a picture</html>") });
  await expect(picker).toHaveAccessibleDescription(/This file could not be read as an image\./);
  await picker.setInputFiles({ name: "cover.png", mimeType: "image/png", buffer: pngBytes(900, 600) });
  await expect(picker).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("img", { name: "The chosen thumbnail" })).toBeVisible();
  await page.getByRole("button", { name: "Create template" }).click();
  await expect(page.getByText("Template created.")).toBeVisible();
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: title }) });
  const image = row.getByRole("img", { name: `Thumbnail of ${title}` });
  await expect(image).toBeVisible();
  // The image really loaded (a presigned GET, not a public URL), and it is the JPEG the form encoded.
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480);
  expect(await image.getAttribute("src")).toContain("X-Amz-Signature=");
  const sampleRow = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: sample.title, exact: true }) });
  await expect(sampleRow.getByRole("img", { name: "No thumbnail" })).toBeVisible();
  const id = new URL((await row.getByRole("link", { name: `Edit ${title}` }).getAttribute("href"))!, "http://x").pathname.split("/")[3]!;
  const stored = await getTemplateMetadata(id, { consistent: true });
  expect(stored).toMatchObject({ title, version: 2, thumbnailKey: expect.stringMatching(new RegExp(`^templates/shared/${id}/thumbnail-[0-9a-f-]{36}\\.jpg$`)) });
  expect(await objectExists(stored!.thumbnailKey!)).toBe(true);
});

test("editing: the current document loads, rows move by keyboard, leaving asks first, and the save lands", async ({ page }) => {
  const made = await createTemplate({ ...sample, title: `Edit me ${randomUUID().slice(0, 8)}` }, FIXTURE_CTX);
  await signIn(page, await makeUser("manager"));
  await page.goto(`/admin/templates/${made.id}/edit`);
  await expect(titleBox(page)).toHaveValue(made.title);
  await expect(group(page, "Field 2").getByLabel("Name")).toHaveValue("startDate");

  await page.getByRole("button", { name: "Move field 2 up" }).focus();
  await page.keyboard.press("Enter");
  await expect(group(page, "Field 1").getByLabel("Name")).toHaveValue("startDate");
  await expect(group(page, "Field 2").getByLabel("Name")).toHaveValue("jobTitle");
  await expect(page.getByRole("button", { name: "Move field 1 down" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(group(page, "Field 1").getByLabel("Name")).toHaveValue("jobTitle");
  await page.getByRole("button", { name: "Move field 1 down" }).press("Enter");
  await page.getByRole("button", { name: "Remove checklist item 7" }).press("Enter");
  await expect(group(page, "Checklist item 7")).toHaveCount(0);
  await page.getByRole("button", { name: "Add checklist item" }).press("Enter");
  await expect(group(page, "Checklist item 7").getByLabel("Id")).toBeFocused();
  await page.keyboard.type("read-handbook");
  await group(page, "Checklist item 7").getByLabel("Asks for").selectOption("acknowledgement");
  await group(page, "Checklist item 7").getByLabel("Label", { exact: true }).fill("Handbook read");
  await group(page, "Checklist item 7").getByLabel("Statement").fill("I have read the handbook.");
  const title = `Edited ${randomUUID().slice(0, 8)}`;
  await titleBox(page).fill(title);

  await page.getByRole("link", { name: "← Templates" }).click();
  const dialog = page.getByRole("dialog", { name: "Leave without saving?" });
  await dialog.getByRole("button", { name: "Stay and keep editing" }).click();
  await expect(titleBox(page)).toHaveValue(title);

  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByText("Template saved.")).toBeVisible();
  await expect(page.getByRole("rowheader", { name: title })).toBeVisible();
  const read = await getTemplate(made.id);
  if (!read?.ok) throw new Error("not saved");
  expect(read.metadata.version).toBe(2);
  expect(read.template.fields.map((f) => f.key).slice(0, 2)).toEqual(["startDate", "jobTitle"]);
  expect(read.template.checklist.at(-1)).toEqual({ id: "read-handbook", kind: "acknowledgement", label: "Handbook read", statement: "I have read the handbook." });
});

test("a save after someone else's keeps what was typed and says so", async ({ page }) => {
  const made = await createTemplate({ ...sample, title: `Raced ${randomUUID().slice(0, 8)}` }, FIXTURE_CTX);
  await signIn(page, await makeUser("admin"));
  await page.goto(`/admin/templates/${made.id}/edit`);
  await titleBox(page).fill("Mine");
  await updateTemplate(made.id, 1, { ...sample, title: "Theirs" }, FIXTURE_CTX);
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "changed by someone else" })).toContainText("Everything you typed is still here.");
  await expect(titleBox(page)).toHaveValue("Mine");
  expect((await getTemplateMetadata(made.id, { consistent: true }))?.title).toBe("Theirs");
});

test("an invalid template is refused with messages on its rows in the form, and with line:column in JSON", async ({ page }) => {
  await signIn(page, await makeUser("admin"));
  await page.goto("/admin/templates/new");
  const title = `Invalid ${randomUUID().slice(0, 8)}`;
  await titleBox(page).fill(title);
  // Duplicate keys, and a checklist item naming a field that does not exist.
  await group(page, "Field 2").getByLabel("Name").fill("jobTitle");
  await group(page, "Checklist item 1").getByLabel("Field name").fill("nowhere");
  await page.getByRole("button", { name: "Create template" }).click();
  await expect(page.getByText("This template has problems.")).toBeVisible();
  await expect(group(page, "Field 2").getByLabel("Name")).toHaveAccessibleDescription(/"jobTitle" is already field 1\./);
  await expect(group(page, "Checklist item 1").getByLabel("Field name")).toHaveAccessibleDescription(/No field "nowhere" in this template\./);
  await expect(group(page, "Field 1").getByLabel("Name")).not.toHaveAttribute("aria-invalid", "true");
  expect(await seriousViolations(page)).toEqual([]);

  // The same in JSON, with an unknown field type typed there: each problem at its line:column.
  await page.getByRole("button", { name: "JSON", exact: true }).click();
  const box = page.getByRole("textbox", { name: "Template document (JSON)" });
  const text = (await box.inputValue()).replace('"type": "date"', '"type": "colour"');
  await box.fill(text);
  await page.getByRole("button", { name: "Create template" }).click();
  const second = text.indexOf('"key": "jobTitle"', text.indexOf('"key": "jobTitle"') + 1);
  await expect(page.getByText(`fields.1.key: ${at(text, '"jobTitle"', second)}: "jobTitle" is already field 1.`)).toBeVisible();
  await expect(page.getByText(`fields.1.type: ${at(text, '"colour"')}: Choose a field type.`)).toBeVisible();
  await expect(page.getByText(`checklist.0.fieldKey: ${at(text, '"nowhere"')}: No field "nowhere" in this template.`)).toBeVisible();
  await expect(box).toHaveValue(text);
  // Each place is one click away: the caret lands on the value.
  await page.getByRole("list", { name: "Places in the JSON" }).getByRole("button", { name: `Go to ${at(text, '"colour"')}` }).click();
  await expect(box).toBeFocused();
  expect(await box.evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe(text.indexOf('"colour"'));

  // Back to the form: the unknown type is kept and marked on its row.
  await page.getByRole("button", { name: "Form", exact: true }).click();
  const type = group(page, "Field 2").getByLabel("Type");
  await expect(type).toHaveValue("colour");
  await expect(type).toHaveAccessibleDescription(/Choose a field type\./);
  expect((await listTemplates({ status: "active", limit: 100 })).items.map((t) => t.title)).not.toContain(title);
});

test("a plain user can open neither editor nor start a thumbnail upload", async ({ page }) => {
  const made = await createTemplate({ ...sample, title: `Guarded ${randomUUID().slice(0, 8)}` }, FIXTURE_CTX);
  await signIn(page, await makeUser("user"));
  expect((await page.goto(`/admin/templates/${made.id}/edit`))?.status()).toBe(403);
  expect((await page.goto("/admin/templates/new"))?.status()).toBe(403);
  const started = await callServerAction<{ ok: boolean }>(page, ACTIONS, "startThumbnailUploadAction", { id: made.id, size: 500 });
  expect(started.ok).toBe(false);
  const completed = await callServerAction<{ ok: boolean }>(page, ACTIONS, "completeThumbnailUploadAction", { id: made.id, version: 1, thumbnailId: randomUUID() });
  expect(completed.ok).toBe(false);
  expect((await getTemplateMetadata(made.id, { consistent: true }))?.version).toBe(1);
});

for (const scheme of ["light", "dark"] as const) {
  test(`the new and edit template pages pass axe in ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await signIn(page, await makeUser("admin"));
    await page.goto("/admin/templates/new");
    await expect(titleBox(page)).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "JSON", exact: true }).click();
    await page.getByRole("button", { name: "Create template" }).click();
    await expect(page.getByText("title: line 3, column 12: A title is required.")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`/admin/templates/sample/edit`);
    await expect(titleBox(page)).toHaveValue(sample.title);
    expect(await seriousViolations(page)).toEqual([]);
  });
}
