// Typed work is never lost: a save without a network keeps every change and goes through once
// the network is back; a reload, or a session that ended, offers the local draft back; leaving
// with unsaved changes asks first (in-app links, the Back button and the browser's own prompt).
import type { Page } from "@playwright/test";
import { revokeAllSessions } from "@/lib/db/sessions";
import { updateProfile } from "@/lib/db/profiles";
import { expect, test } from "./fixtures";
import { FIXTURE_CTX, makeUser, signIn } from "./fixtures/users";
import { addField, card, makeProfile, openReview, reviewAndSave, row, storedProfile } from "./fixtures/profiles";

test.describe.configure({ timeout: 60_000 });

const value = (page: Page, field: string) => row(page, `Field ${field}`).getByLabel("Value", { exact: true });
const nameInput = (page: Page) => page.getByLabel("Profile name");

/** Types a name and two field changes, the edits every test below expects to survive. */
async function makeEdits(page: Page) {
  await nameInput(page).fill("Work, edited");
  await value(page, "skills").fill("TypeScript");
  await (await addField(page, "city")).getByLabel("Value", { exact: true }).fill("Oslo");
}

async function expectEdits(page: Page) {
  await expect(nameInput(page)).toHaveValue("Work, edited");
  await expect(value(page, "skills")).toHaveValue("TypeScript");
  await expect(value(page, "city")).toHaveValue("Oslo");
}

/** Waits until the editor has written its draft (a moment after the last keystroke). */
async function draftWritten(page: Page) {
  await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("prework:profile-draft:")).length)).toBe(1);
}

test("a save with the network cut keeps every typed change and saves them once it is back", async ({ page, context }) => {
  const user = await makeUser("user");
  const profile = await makeProfile(user, { skills: "x" });
  await signIn(page, user);
  await page.goto(`/profiles/${profile.id}`);
  await makeEdits(page);

  const dialog = await openReview(page);
  await context.setOffline(true);
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "We could not reach the server" })).toBeVisible();
  await expect(dialog).toBeHidden();
  await expectEdits(page);
  expect((await storedProfile(profile.id)).version).toBe(1);

  await context.setOffline(false);
  // "Try again" sends the same changes, without going through the review again.
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByText("· version 2")).toBeVisible();
  await expect(page.getByRole("button", { name: "Try again" })).toHaveCount(0);
  expect(await storedProfile(profile.id)).toMatchObject({ version: 2, name: "Work, edited", customFields: { skills: "TypeScript", city: "Oslo" } });
  // Saved: nothing is left to offer back.
  await page.reload();
  await expect(nameInput(page)).toHaveValue("Work, edited");
  await expect(page.getByText(/Restore your unsaved changes/)).toHaveCount(0);
});

test("a reload asks first, then offers the draft back; restoring brings back every change, discarding forgets it", async ({ page }) => {
  const user = await makeUser("user");
  const profile = await makeProfile(user, { skills: "x" });
  await signIn(page, user);
  await page.goto(`/profiles/${profile.id}`);
  await makeEdits(page);
  await draftWritten(page);

  // The browser's own "leave site?" prompt comes first (accepted here).
  const prompts: string[] = [];
  page.on("dialog", (prompt) => {
    prompts.push(prompt.type());
    void prompt.accept();
  });
  await page.reload();
  expect(prompts).toEqual(["beforeunload"]);

  const offer = page.getByText(/^Restore your unsaved changes from \d{2}:\d{2}\?$/);
  await expect(offer).toBeVisible();
  await expect(nameInput(page)).toHaveValue("Work");
  await page.getByRole("button", { name: "Restore changes" }).click();
  await expect(offer).toBeHidden();
  await expectEdits(page);
  await reviewAndSave(page);
  expect(await storedProfile(profile.id)).toMatchObject({ name: "Work, edited", customFields: { skills: "TypeScript", city: "Oslo" } });

  // Another edit, a reload, and "Discard them": the saved version stays, and the draft is gone.
  await value(page, "skills").fill("Go");
  await draftWritten(page);
  await page.reload();
  await page.getByRole("button", { name: "Discard them" }).click();
  await expect(value(page, "skills")).toHaveValue("TypeScript");
  await page.reload();
  await expect(nameInput(page)).toHaveValue("Work, edited");
  await expect(page.getByText(/Restore your unsaved changes/)).toHaveCount(0);
});

test("a draft outlives the session; typed before someone else saved, it is re-applied on top of their version", async ({ page }) => {
  const user = await makeUser("user");
  const profile = await makeProfile(user, { skills: "x", team: "Red" });
  await signIn(page, user);
  await page.goto(`/profiles/${profile.id}`);
  await makeEdits(page);
  await draftWritten(page);

  // The session ends and, meanwhile, someone else saves version 2.
  await revokeAllSessions(user.id, FIXTURE_CTX);
  await updateProfile(profile.id, 1, { customFields: { skills: "x", team: "Blue" } }, FIXTURE_CTX);
  page.on("dialog", (prompt) => void prompt.accept());
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in/);

  await signIn(page, user);
  await page.goto(`/profiles/${profile.id}`);
  await expect(page.getByText(/made on version 1; this profile has been saved since/)).toBeVisible();
  await page.getByRole("button", { name: "Restore changes" }).click();
  // Only these edits are up for review: their change of team is the new starting point, not undone.
  const review = page.getByRole("dialog", { name: "Review 3 changes" });
  await expect(review).toContainText('skills: "x" → "TypeScript"');
  await expect(review).not.toContainText("team");
  await review.getByRole("button", { name: "Save changes" }).click();
  await expect(review).toBeHidden();
  // Both kept: their team, and every one of these edits.
  expect(await storedProfile(profile.id)).toMatchObject({ version: 3, name: "Work, edited", customFields: { skills: "TypeScript", team: "Blue", city: "Oslo" } });
});

test("leaving by a link with unsaved changes asks first; staying keeps them, and an untouched page just goes", async ({ page }) => {
  const user = await makeUser("user");
  const profile = await makeProfile(user, { skills: "x" });
  await signIn(page, user);
  await page.goto(`/profiles/${profile.id}`);

  const back = page.getByRole("link", { name: "← My profiles" });
  await value(page, "skills").fill("TypeScript");
  await back.click();
  const ask = page.getByRole("dialog", { name: "Leave without saving?" });
  await expect(ask).toBeVisible();
  await ask.getByRole("button", { name: "Stay and keep editing" }).click();
  await expect(ask).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/profiles/${profile.id}$`));
  await expect(value(page, "skills")).toHaveValue("TypeScript");

  await back.click();
  await ask.getByRole("button", { name: "Leave this page" }).click();
  await expect(page).toHaveURL(/\/profiles$/);

  // Back on the profile, nothing changed yet: the link goes without asking.
  await page.goto(`/profiles/${profile.id}`);
  await page.getByRole("button", { name: "Discard them" }).click();
  await back.click();
  await expect(page).toHaveURL(/\/profiles$/);
});

test("the user forms ask before their typed changes are left behind", async ({ login, page }) => {
  await login("admin");
  const subject = await makeUser("user", { name: "Leave Guard Subject" });

  await page.goto("/admin/users/new");
  await page.getByLabel("Name", { exact: true }).fill("Half Typed");
  await page.getByRole("link", { name: "All users" }).click();
  const ask = page.getByRole("dialog", { name: "Leave without saving?" });
  await expect(ask).toContainText("The new user is not created yet");
  await ask.getByRole("button", { name: "Stay and keep editing" }).click();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Half Typed");

  await page.goto(`/admin/users/${subject.id}`);
  const name = page.getByLabel("Name", { exact: true });
  await name.fill("Renamed, not saved");
  await page.getByRole("link", { name: "All users" }).click();
  await expect(ask).toContainText("Your changes to this account are not saved yet");
  await ask.getByRole("button", { name: "Leave this page" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);

  // Typed and then put back as it was: nothing to lose, so nothing is asked.
  await page.goto(`/admin/users/${subject.id}`);
  await name.fill("Leave Guard Subject x");
  await name.fill("Leave Guard Subject");
  await page.getByRole("link", { name: "All users" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
});

test("the browser's Back button with unsaved changes asks first; staying keeps them, leaving goes back, and after a save Back just goes", async ({ page }) => {
  const user = await makeUser("user");
  const profile = await makeProfile(user, { skills: "x" });
  await signIn(page, user);
  await page.goto("/profiles");
  await card(page, profile.name).getByRole("link", { name: `Edit fields of ${profile.name}` }).click();
  await expect(page).toHaveURL(new RegExp(`/profiles/${profile.id}$`));

  await value(page, "skills").fill("TypeScript");
  const ask = page.getByRole("dialog", { name: "Leave without saving?" });
  await page.evaluate(() => history.back());
  await expect(ask).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/profiles/${profile.id}$`));
  await ask.getByRole("button", { name: "Stay and keep editing" }).click();
  await expect(ask).toBeHidden();
  await expect(value(page, "skills")).toHaveValue("TypeScript");

  // Asked again on the next Back, and this time left: one Back, to the list it came from.
  await page.evaluate(() => history.back());
  await ask.getByRole("button", { name: "Leave this page" }).click();
  await expect(page).toHaveURL(/\/profiles$/);

  // Saved changes leave nothing to lose: Back goes without asking.
  await page.goto(`/profiles/${profile.id}`);
  await page.getByRole("button", { name: "Discard them" }).click();
  await value(page, "skills").fill("Rust");
  await reviewAndSave(page);
  await expect.poll(async () => (await storedProfile(profile.id)).customFields).toMatchObject({ skills: "Rust" });
  await page.evaluate(() => history.back());
  await expect(page).toHaveURL(/\/profiles$/);
  await expect(ask).toBeHidden();
});
