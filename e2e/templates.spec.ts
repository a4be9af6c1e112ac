// /admin/templates: the list with the sample created at setup, archiving with a confirmation,
// the action refusing a plain user whatever the UI hides, and axe in light and dark. The run's
// database is shared: the test archives a template of its own, never the sample.
import { randomUUID } from "node:crypto";
import { getTemplateMetadata } from "@/lib/db/templates";
import { createTemplate } from "@/lib/templates/service";
import sample from "@/lib/templates/sample-template.json";
import { expect, test } from "./fixtures";
import { seriousViolations } from "./fixtures/accessibility";
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

test("a template typed as JSON is created, and the schema's problems are listed without losing what was typed", async ({ page }) => {
  await signIn(page, await makeUser("admin"));
  await page.goto("/admin/templates/new");
  const box = page.getByRole("textbox", { name: "Template document (JSON)" });
  await page.getByRole("button", { name: "Create template" }).click();
  await expect(page.getByText("title: A title is required.")).toBeVisible();
  const title = `Typed ${randomUUID().slice(0, 8)}`;
  const typed = JSON.stringify({ ...sample, title }, null, 2);
  await box.fill(`${typed},`);
  await page.getByRole("button", { name: "Create template" }).click();
  await expect(page.getByText("This is not valid JSON.")).toBeVisible();
  await expect(box).toHaveValue(`${typed},`);
  await box.fill(typed);
  await page.getByRole("button", { name: "Create template" }).click();
  await expect(page.getByRole("rowheader", { name: title })).toBeVisible();
});
