// Profile test data through the app's own repository, and the editor interactions the profile
// specs share (rows are role=group named "Field <dotted.path>" or "Item <n> in <path>").
import { expect, type Locator, type Page } from "@playwright/test";
import { createProfile, getProfile, type Profile } from "@/lib/db/profiles";
import type { User } from "@/lib/validation/users";
import type { JsonObject } from "@/lib/custom-fields/validation";
import type { ProfileTypeInput } from "@/lib/validation/profiles";

export const FIXTURE_CTX = { actorId: "e2e-fixture", userAgent: "playwright" };

export async function makeProfile(owner: User, customFields: JsonObject = {}, name = "Work", type: ProfileTypeInput = "professional"): Promise<Profile> {
  return createProfile(owner.id, { name, type, customFields }, FIXTURE_CTX);
}

export async function storedProfile(id: string): Promise<Profile> {
  const profile = await getProfile(id, { consistent: true });
  if (!profile) throw new Error(`profile ${id} is gone`);
  return profile;
}

/** The custom fields as stored, as JSON text: key order included. */
export async function storedFieldsText(id: string): Promise<string> {
  return JSON.stringify((await storedProfile(id)).customFields);
}

export function row(page: Page, name: string): Locator {
  return page.getByRole("group", { name, exact: true });
}

/** Every row's name, in the order shown (depth first). */
export async function rowNames(page: Page): Promise<string[]> {
  return page
    .locator('[role="group"][aria-label^="Field "], [role="group"][aria-label^="Item "]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("aria-label") ?? ""));
}

/** Adds a field at the top level (or in `group`) and names it; returns its row. */
export async function addField(page: Page, key: string, group?: string): Promise<Locator> {
  await page.getByRole("button", { name: group ? `Add field to ${group}` : "Add field", exact: true }).click();
  const fresh = row(page, group ? `Field unnamed field in ${group}` : "Field unnamed field");
  await expect(fresh.getByLabel("Name", { exact: true })).toBeFocused();
  await fresh.getByLabel("Name", { exact: true }).fill(key);
  return row(page, `Field ${group ? `${group}.` : ""}${key}`);
}

export async function openReview(page: Page): Promise<Locator> {
  await page.getByRole("button", { name: "Review changes" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  return dialog;
}

/** The version the editor's header shows ("… · version 3"). */
export async function shownVersion(page: Page): Promise<number> {
  const text = await page.getByText(/· version \d+$/).textContent();
  return Number(/version (\d+)$/.exec(text ?? "")?.[1]);
}

/** Saves from an open review and waits until the editor shows the next version. */
export async function saveReviewed(page: Page, dialog: Locator): Promise<void> {
  const before = await shownVersion(page);
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(new RegExp(`· version ${before + 1}$`))).toBeVisible();
}

export async function reviewAndSave(page: Page): Promise<void> {
  await saveReviewed(page, await openReview(page));
}

export function card(page: Page, name: string): Locator {
  return page.getByRole("list", { name: "Profiles" }).getByRole("article", { name, exact: true });
}
