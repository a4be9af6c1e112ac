// Issue #14 parts 3, 4 and 6 end to end: a user creates a profile from a template, fills its two
// required fields, uploads the required document, acknowledges the statement and sees 100%; an
// admin sees it in the template's progress view and downloads the CSV; axe in light and dark.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { PDFParse } from "pdf-parse";
import { createTemplate } from "@/lib/templates/service";
import { expect, test } from "./fixtures";
import { seriousViolations } from "./fixtures/accessibility";
import { pdfBytes } from "./fixtures/files";
import { callServerAction } from "./fixtures/server-actions";
import { FIXTURE_CTX, makeUser, signIn } from "./fixtures/users";

test.describe.configure({ timeout: 120_000 });

/** The text a PDF reader extracts (pdf-parse, pdf.js underneath). */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}
const squash = (text: string) => text.replace(/\s+/g, "");

const templateDoc = (title: string) => ({
  schemaVersion: 1,
  title,
  profileType: "professional",
  fields: [
    { key: "jobTitle", label: "Job title", type: "text", required: true, help: "As in the contract." },
    { key: "team", label: "Team", type: "text", required: true, allowedValues: ["Engineering", "Sales"] },
    { key: "nickname", label: "Nickname", type: "text", required: false },
  ],
  checklist: [
    { id: "job-title", kind: "field", label: "Job title filled in", fieldKey: "jobTitle" },
    { id: "team", kind: "field", label: "Team chosen", fieldKey: "team" },
    { id: "contract", kind: "document", label: "Signed contract uploaded", documentKind: "contract" },
    { id: "conduct", kind: "acknowledgement", label: "Code of conduct read", statement: "I have read the code of conduct." },
  ],
  dueWithinDays: 7,
});

test("a user completes a template's checklist; the admin sees it in the progress view and exports it", async ({ page, browser }) => {
  const title = `Onboarding ${randomUUID().slice(0, 8)}`;
  const template = await createTemplate(templateDoc(title), FIXTURE_CTX);
  const user = await makeUser("user", { name: "Zoë Ångström" });
  await signIn(page, user);

  await page.goto("/profiles");
  await page.getByLabel("Profile name").fill("Work");
  await page.getByLabel("Profile type").selectOption("professional");
  await page.getByLabel("Start from").selectOption({ label: `Template: ${title}` });
  await page.getByRole("button", { name: "Create profile" }).click();
  await expect(page).toHaveURL(/\/profiles\/[0-9a-f-]{36}$/);
  const panel = page.getByRole("region", { name: `Checklist: ${title}` });
  await expect(panel.getByText("0 of 4 done (0%)")).toBeVisible();

  // The home page lists what is still open, and leads back to the profile.
  await page.goto("/");
  const open = page.getByRole("region", { name: "Your open checklist items" });
  await expect(open.getByRole("progressbar", { name: "Progress of Work" })).toHaveAttribute("value", "0");
  for (const label of ["Job title filled in", "Team chosen", "Signed contract uploaded", "Code of conduct read"]) await expect(open.getByText(label, { exact: true })).toBeVisible();
  await open.getByRole("link", { name: `Work · ${title}` }).click();
  await expect(panel.getByText("0 of 4 done (0%)")).toBeVisible();

  // The editor shows the template's fields with their labels, help and required marks.
  const jobRow = page.getByRole("group", { name: "Field jobTitle" });
  await expect(jobRow.getByText("Job title")).toBeVisible();
  await expect(jobRow.getByText("As in the contract.")).toBeVisible();
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(page)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });

  await jobRow.getByLabel("Value").fill("Engineer");
  await page.getByRole("group", { name: "Field team" }).getByLabel("Value").selectOption("Engineering");
  await page.getByRole("button", { name: "Review changes" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Profile saved.")).toBeVisible();
  await expect(panel.getByText("2 of 4 done (50%)")).toBeVisible();

  await panel.getByRole("group", { name: "Upload: Signed contract uploaded" }).getByLabel("Choose a file").setInputFiles({ name: "contract.pdf", mimeType: "application/pdf", buffer: pdfBytes("signed") });
  await expect(panel.getByText("3 of 4 done (75%)")).toBeVisible({ timeout: 15_000 });

  // Someone else's id in the action is refused, whatever the page shows.
  const stranger = await makeUser("user");
  const strangerPage = await (await browser.newContext()).newPage();
  await signIn(strangerPage, stranger);
  const profileId = page.url().split("/").pop()!;
  const refused = await callServerAction<{ ok: boolean }>(strangerPage, "lib/actions/templates/checklist-actions.ts", "acknowledgeChecklistItemAction", { profileId, itemId: "conduct" });
  expect(refused.ok).toBe(false);
  await expect(panel.getByText("3 of 4 done (75%)")).toBeVisible();

  await panel.getByRole("button", { name: "I acknowledge: Code of conduct read" }).click();
  await expect(panel.getByText("4 of 4 done (100%)")).toBeVisible();
  await expect(panel.getByRole("progressbar", { name: "Checklist progress" })).toHaveAttribute("value", "4");
  await expect(panel.getByText("by Zoë Ångström", { exact: false })).toBeVisible();

  // Export: a PDF among the user's files, every item done with its date; a second export that
  // day replaces the first and says so.
  const [pdf] = await Promise.all([page.waitForEvent("download"), panel.getByRole("button", { name: "Export checklist" }).click()]);
  await expect(panel.getByRole("status").filter({ hasText: /^Exported\.$/ })).toHaveCount(1);
  const today = new Date().toISOString().slice(0, 10);
  expect(pdf.suggestedFilename()).toBe(`checklist-${today}.pdf`);
  const text = await pdfText(await readFile((await pdf.path())!));
  for (const label of ["Job title filled in", "Team chosen", "Signed contract uploaded", "Code of conduct read"]) expect(squash(text)).toContain(squash(label));
  expect(squash(text)).toContain(squash("4 of 4"));
  expect((text.match(/\bDone\b/g) ?? []).length).toBeGreaterThanOrEqual(4);
  expect(text).toContain(today);
  expect(squash(text)).toContain(squash("Zoë Ångström"));
  await Promise.all([page.waitForEvent("download"), panel.getByRole("button", { name: "Export checklist" }).click()]);
  await expect(panel.getByRole("status").filter({ hasText: "Replaced today's export." })).toHaveCount(1);
  // Nothing open any more: the home page has no list.
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Your open checklist items" })).toHaveCount(0);

  const admin = await makeUser("admin");
  const adminPage = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await signIn(adminPage, admin);
  await adminPage.goto("/admin/templates");
  await adminPage.getByRole("link", { name: `Progress of ${title}` }).click();
  await expect(adminPage.getByRole("heading", { level: 1, name: `Progress: ${title}` })).toBeVisible();
  const row = adminPage.getByRole("row").filter({ has: adminPage.getByRole("rowheader", { name: /Zoë Ångström/ }) });
  await expect(row.getByRole("cell", { name: "4 of 4 (100%)" })).toBeVisible();
  await adminPage.getByRole("link", { name: "Overdue", exact: true }).click();
  await expect(adminPage.getByText("No overdue profiles")).toBeVisible();
  await adminPage.getByRole("link", { name: "Done", exact: true }).click();
  await expect(row.getByRole("cell", { name: "4 of 4 (100%)" })).toBeVisible();
  for (const scheme of ["light", "dark"] as const) {
    await adminPage.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(adminPage)).toEqual([]);
  }
  const [download] = await Promise.all([adminPage.waitForEvent("download"), adminPage.getByRole("button", { name: "Export CSV" }).click()]);
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toBe("userId,userName,email,profileId,profileName,done,total,percent,status,dueAt,completedAt");
  expect(csv).toContain(`${user.id},Zoë Ångström,${user.email},${profileId},Work,4,4,100,done,`);
  expect(template.id).toBeTruthy();

  // A plain user cannot open the progress view.
  const denied = await strangerPage.goto(`/admin/templates/${template.id}/progress`);
  expect(denied?.status()).toBe(403);
});
