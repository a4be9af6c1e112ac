// The uploader on /files as a person uses it (pick, drop, paste, keyboard; progress, cancel,
// retry; refusals with their reasons), what S3 and the metadata hold afterwards, and direct
// server-action calls that try to reach someone else's file space.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Page, Route } from "@playwright/test";
import { listAuditByActor, listAuditByTarget } from "@/lib/db/audit";
import { getFile, listFiles } from "@/lib/db/files";
import { createProfile } from "@/lib/db/profiles";
import type { User } from "@/lib/validation/users";
import { startUpload } from "@/lib/uploads/service";
import { makeUser, signIn } from "./fixtures/users";
import { makeFile, objectKeys, pdfBytes } from "./fixtures/files";
import { expect, test } from "./fixtures";
import { callServerAction } from "./fixtures/server-actions";

const FILE_ACTIONS = "lib/actions/files/file-actions.ts";

async function openFiles(page: Page, user: User) {
  await signIn(page, user);
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Files", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My files" })).toBeVisible();
}

const uploadItem = (page: Page, name: string) => page.getByRole("list", { name: "Uploads" }).getByRole("listitem").filter({ hasText: name });

/** Collects what the browser reports about Content-Security-Policy violations. */
function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

/** Server-action POSTs the page makes (nothing may start for a file refused in the browser). */
function actionCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.headers()["next-action"]) calls.push(request.url());
  });
  return calls;
}

async function auditActions(userId: string): Promise<string[]> {
  return (await listAuditByTarget(userId)).items.map((e) => e.action);
}

const isS3 = (url: URL) => url.href.startsWith(process.env.S3_ENDPOINT ?? "no S3 endpoint");

test.describe("uploading documents", () => {
  test("three documents at once, each with its own progress and the overall one; one downloads with the same bytes", async ({ page }) => {
    const violations = cspViolations(page);
    const user = await makeUser("user");
    await openFiles(page, user);
    await expect(page.getByText("PDF, JPG, PNG, WEBP, TXT, CSV, DOCX or XLSX, up to 25.0 MB each.")).toBeVisible();

    const files = [
      { name: "q3-report.pdf", mimeType: "application/pdf", buffer: pdfBytes("q3 ".repeat(60_000)) },
      { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("meeting notes\n".repeat(20_000)) },
      { name: "people.csv", mimeType: "text/csv", buffer: Buffer.from("name,email\n" + "Ada,ada@example.com\n".repeat(10_000)) },
    ];
    await page.getByLabel("Choose files").setInputFiles(files);

    for (const file of files) {
      await expect(uploadItem(page, file.name)).toContainText("Uploaded", { timeout: 15_000 });
      const bar = page.getByRole("progressbar", { name: file.name, exact: true });
      await expect(bar).toHaveAttribute("max", String(file.buffer.length));
      await expect(bar).toHaveAttribute("value", String(file.buffer.length));
    }
    const total = files.reduce((sum, f) => sum + f.buffer.length, 0);
    await expect(page.getByRole("progressbar", { name: "Overall upload progress" })).toHaveAttribute("value", String(total));
    await expect(page.getByText("3 of 3 uploaded")).toBeVisible();

    // The list shows them without a reload, and S3 holds each at its final key.
    const table = page.getByRole("table", { name: "Your files" });
    for (const file of files) await expect(table.getByRole("row", { name: new RegExp(file.name) })).toBeVisible();
    const keys = await objectKeys(user.id);
    expect(keys).toHaveLength(3);
    for (const key of keys) expect(key).toMatch(new RegExp(`^users/${user.id}/uploads/\\d{4}/\\d{2}/`));

    const row = table.getByRole("row", { name: /q3-report\.pdf/ });
    const downloading = page.waitForEvent("download");
    await row.getByRole("button", { name: "Actions for q3-report.pdf" }).click();
    await page.getByRole("menu", { name: "Actions for q3-report.pdf" }).getByRole("menuitem", { name: "Download" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe("q3-report.pdf");
    expect((await readFile((await download.path())!)).equals(files[0]!.buffer)).toBe(true);

    expect(violations).toEqual([]);
  });

  test("a 30 MB document and an .exe are refused in the browser with the reason, and nothing starts", async ({ page }) => {
    const user = await makeUser("user");
    await openFiles(page, user);
    const calls = actionCalls(page);

    // Dropped: the 30 MB file is made inside the page rather than sent through the driver.
    const zone = page.getByRole("group", { name: "Upload documents" });
    const dataTransfer = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(30 * 1024 * 1024)], "huge-scan.pdf", { type: "application/pdf" }));
      return transfer;
    });
    await zone.dispatchEvent("dragenter", { dataTransfer });
    await zone.dispatchEvent("drop", { dataTransfer });
    await page.getByLabel("Choose files").setInputFiles({ name: "setup.exe", mimeType: "application/x-msdownload", buffer: Buffer.from("MZ\x90\x00fake") });

    await expect(uploadItem(page, "huge-scan.pdf")).toContainText("Refused: Document uploads can be at most 25.0 MB (this is 30.0 MB).");
    await expect(uploadItem(page, "setup.exe")).toContainText("Refused: .exe files cannot be uploaded.");
    await expect(page.getByRole("progressbar", { name: "huge-scan.pdf" })).toHaveCount(0);
    await expect(page.getByRole("progressbar", { name: "setup.exe" })).toHaveCount(0);
    await expect(uploadItem(page, "setup.exe").getByRole("button")).toHaveCount(0);

    expect(calls).toEqual([]);
    expect((await auditActions(user.id)).filter((action) => action.startsWith("file."))).toEqual([]);
    expect(await objectKeys(user.id)).toEqual([]);
  });

  test("a .png whose bytes are HTML is refused after upload with the reason, and nothing is left", async ({ page }) => {
    const user = await makeUser("user");
    await openFiles(page, user);
    await page.getByLabel("Choose files").setInputFiles({ name: "cat.png", mimeType: "image/png", buffer: Buffer.from("<!DOCTYPE html><script>alert(document.cookie)</script>") });

    await expect(uploadItem(page, "cat.png")).toContainText("Failed: The file's content is not a real image/png file.", { timeout: 15_000 });
    await expect(uploadItem(page, "cat.png").getByRole("button", { name: "Retry cat.png" })).toBeVisible();
    await expect(page.getByText("No files yet")).toBeVisible();

    const audit = (await listAuditByTarget(user.id)).items;
    const rejected = audit.find((e) => e.action === "file.upload_rejected");
    expect(rejected?.details).toMatchObject({ name: "cat.png", reason: "The file's content is not a real image/png file." });
    expect(audit.map((e) => e.action)).not.toContain("file.uploaded");
    expect(await getFile(String(rejected?.details.fileId), { consistent: true })).toBeNull();
    expect((await listFiles(user.id)).items).toEqual([]);
    expect(await objectKeys(user.id)).toEqual([]);
  });

  test("files can be pasted into and dropped on the drop zone", async ({ page }) => {
    const user = await makeUser("user");
    await openFiles(page, user);
    const zone = page.getByRole("group", { name: "Upload documents" });
    await zone.focus();
    await zone.evaluate((element) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(["pasted text\n"], "pasted.txt", { type: "text/plain" }));
      element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
    });
    const dataTransfer = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(["a,b\n1,2\n"], "dropped.csv", { type: "text/csv" }));
      return transfer;
    });
    await zone.dispatchEvent("drop", { dataTransfer });

    await expect(uploadItem(page, "pasted.txt")).toContainText("Uploaded");
    await expect(uploadItem(page, "dropped.csv")).toContainText("Uploaded");
    expect((await listFiles(user.id)).items.map((f) => f.displayName).sort()).toEqual(["dropped.csv", "pasted.txt"]);
  });

  test("the file picker is reached and opened from the keyboard", async ({ page }) => {
    const user = await makeUser("user");
    await openFiles(page, user);
    await page.getByRole("group", { name: "Upload documents" }).focus();
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Choose files")).toBeFocused();
    const chooser = page.waitForEvent("filechooser");
    await page.keyboard.press("Enter");
    await (await chooser).setFiles({ name: "keyboard.txt", mimeType: "text/plain", buffer: Buffer.from("typed, not clicked\n") });
    await expect(uploadItem(page, "keyboard.txt")).toContainText("Uploaded");
  });

  test("cancel stops an upload and drops its pending record; retry starts over and completes", async ({ page }) => {
    const user = await makeUser("user");
    await openFiles(page, user);
    // Hold the first PUT in flight, as a slow connection would.
    let puts = 0;
    await page.route(isS3, async (route: Route) => {
      if (route.request().method() === "PUT" && ++puts === 1) {
        await new Promise((resolve) => setTimeout(resolve, 20_000));
      }
      await route.continue().catch(() => undefined);
    });
    const buffer = pdfBytes("slow ".repeat(10_000));
    await page.getByLabel("Choose files").setInputFiles({ name: "slow.pdf", mimeType: "application/pdf", buffer });
    const item = uploadItem(page, "slow.pdf");
    await expect(item).toContainText("Uploading…");
    await expect(page.getByRole("progressbar", { name: "slow.pdf" })).toBeVisible();

    await item.getByRole("button", { name: "Cancel slow.pdf" }).click();
    await expect(item).toContainText("Cancelled");
    await expect.poll(async () => (await listAuditByTarget(user.id)).items.find((e) => e.action === "file.upload_rejected")?.details.reason).toBe("cancelled");
    const started = (await listAuditByTarget(user.id)).items.find((e) => e.action === "file.upload_started");
    expect(await getFile(String(started?.details.fileId), { consistent: true })).toBeNull();

    await item.getByRole("button", { name: "Retry slow.pdf" }).click();
    await expect(item).toContainText("Uploaded", { timeout: 15_000 });
    const listed = (await listFiles(user.id)).items;
    expect(listed.map((f) => f.displayName)).toEqual(["slow.pdf"]);
    expect(listed[0]!.id).not.toBe(started?.details.fileId);
    expect(await objectKeys(user.id)).toEqual([listed[0]!.s3Key]);
  });

  test("a PUT the storage refuses (an expired link) shows why, and retry gets a new link", async ({ page }) => {
    const user = await makeUser("user");
    await openFiles(page, user);
    const origin = new URL(page.url()).origin;
    let puts = 0;
    await page.route(isS3, async (route: Route) => {
      if (route.request().method() === "PUT" && ++puts === 1) {
        await route.fulfill({
          status: 403,
          contentType: "application/xml",
          headers: { "Access-Control-Allow-Origin": origin },
          body: "<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>",
        });
        return;
      }
      await route.continue();
    });
    await page.getByLabel("Choose files").setInputFiles({ name: "late.txt", mimeType: "text/plain", buffer: Buffer.from("too late\n") });
    const item = uploadItem(page, "late.txt");
    await expect(item).toContainText("Failed: The upload link expired before the file arrived. Retry to get a new one.");
    await expect.poll(async () => (await listAuditByTarget(user.id)).items.find((e) => e.action === "file.upload_rejected")?.details.reason).toBe("upload failed");

    await item.getByRole("button", { name: "Retry late.txt" }).click();
    await expect(item).toContainText("Uploaded");
    expect(puts).toBe(2);
    expect((await listFiles(user.id)).items.map((f) => f.displayName)).toEqual(["late.txt"]);
  });
});

test.describe("direct server-action calls", () => {
  test("cannot reach another user's file space by changing ids, and create nothing", async ({ login, page }) => {
    const victim = await makeUser("user");
    const victimProfile = await createProfile(victim.id, { name: "Victim", type: "personal", customFields: {} }, { actorId: victim.id });
    const victimFile = await makeFile(victim, { name: "secret.pdf", type: "application/pdf", bytes: pdfBytes("secret") });
    const victimPending = await startUpload(victim, { purpose: "document", name: "pending.pdf", type: "application/pdf", size: 100 }, { actorId: victim.id });
    const victimKeysBefore = await objectKeys(victim.id);
    const attacker = await login("user");

    const call = (name: string, input: unknown) => callServerAction<{ ok: boolean; error?: string }>(page, FILE_ACTIONS, name, input);
    const notFound = (what: string) => ({ ok: false, error: `This ${what} does not exist.` });
    // Someone else's file answers exactly as a file that does not exist.
    expect(await call("downloadUrlAction", { id: randomUUID() })).toEqual(notFound("file"));
    const upload = { purpose: "document", name: "x.pdf", type: "application/pdf", size: 100 };

    expect(await call("startUploadAction", { ...upload, ownerId: victim.id })).toEqual(notFound("user"));
    expect(await call("startUploadAction", { ...upload, purpose: "avatar", name: "x.png", type: "image/png", profileId: victimProfile.id })).toEqual(notFound("profile"));
    expect(await call("completeUploadAction", { id: victimPending.fileId })).toEqual(notFound("file"));
    expect(await call("cancelUploadAction", { id: victimPending.fileId, reason: "cancelled" })).toEqual(notFound("file"));
    expect(await call("downloadUrlAction", { id: victimFile.id })).toEqual(notFound("file"));
    expect(await call("listFilesAction", { ownerId: victim.id })).toEqual(notFound("user"));
    expect(await call("updateFileAction", { id: victimFile.id, version: victimFile.version, isPublic: true })).toEqual(notFound("file"));
    expect(await call("deleteFileAction", { id: victimFile.id })).toEqual(notFound("file"));

    // The victim's files are as they were; the attacker made nothing anywhere.
    expect(await getFile(victimPending.fileId, { consistent: true })).toMatchObject({ status: "pending" });
    expect(await getFile(victimFile.id, { consistent: true })).toEqual(victimFile);
    expect(await objectKeys(victim.id)).toEqual(victimKeysBefore);
    expect(await objectKeys(attacker.id)).toEqual([]);
    expect((await listAuditByActor(attacker.id)).items.map((e) => e.action)).toEqual(["auth.signed_in"]);

    // The same calls work for the attacker's own space: the refusals above were about ownership.
    const own = await call("startUploadAction", upload);
    expect(own.ok).toBe(true);
  });
});
