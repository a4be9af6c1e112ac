import type { Page } from "@playwright/test";
import type { ActionResult } from "@/lib/types/action-result";
import type { Profile } from "@/lib/db/profiles";
import { expect, test } from "./fixtures";
import { makeUser, signIn } from "./fixtures/users";
import { addField, makeProfile, openReview, reviewAndSave, row, rowNames, saveReviewed, storedFieldsText, storedProfile } from "./fixtures/profiles";
import { callServerAction } from "./fixtures/server-actions";
import { seriousViolations } from "./fixtures/accessibility";

const ACTIONS = "lib/actions/profiles/profile-actions.ts";
const DEPTH_FIVE = { l2: { l3: { l4: { l5: { leaf: 1 } } } } };

// Whole flows in the browser, on a machine shared with other builds: room beyond the default 30 s.
test.describe.configure({ timeout: 90_000 });

test.describe("invalid custom fields are refused, on the offending row", () => {
  test("in the browser: duplicate, dotted, depth 6, 33 KB; nothing is saved", async ({ page }) => {
    const user = await makeUser("user");
    const profile = await makeProfile(user, { skills: "x", ...DEPTH_FIVE, note: "short" });
    await signIn(page, user);
    await page.goto(`/profiles/${profile.id}`);

    await addField(page, "skills");
    await expect(row(page, "Field skills").nth(1)).toContainText('Another field here is already named "skills"');
    await expect(row(page, "Field skills").nth(1).getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(row(page, "Field skills").first()).not.toContainText("already named");

    await addField(page, "a.b");
    await expect(row(page, "Field a.b")).toContainText("Field names cannot contain a dot");

    const deep = await addField(page, "l6", "l2.l3.l4.l5");
    await deep.getByLabel("Type", { exact: true }).selectOption("group");
    await expect(row(page, "Field l2.l3.l4.l5.l6")).toContainText("Fields can be nested at most 5 levels deep.");

    await row(page, "Field note").getByLabel("Value", { exact: true }).fill("x".repeat(33 * 1024));
    await expect(row(page, "Field note")).toContainText("Too large: this field takes 33.0 KB");
    await expect(page.getByText(/Custom fields can take at most 32\.0 KB \(this is 33\.\d KB\)/)).toBeVisible();

    // The JSON view cannot show two fields with one name: it refuses rather than dropping one.
    await page.getByRole("button", { name: "JSON", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "two fields share a name" })).toBeVisible();

    await page.getByRole("button", { name: "Review changes" }).click();
    // Four rows and the object as a whole (its size); focus goes to the first row in the form.
    await expect(page.getByRole("alert").filter({ hasText: "Fix the custom fields marked in red first (5 problems)" })).toBeVisible();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(row(page, "Field l2.l3.l4.l5.l6").getByLabel("Name", { exact: true })).toBeFocused();
    expect((await storedProfile(profile.id)).version).toBe(1);

    // Fixing the rows clears their messages as the person types.
    await row(page, "Field skills").nth(1).getByLabel("Name", { exact: true }).fill("languages");
    await expect(row(page, "Field languages")).not.toContainText("already named");
  });

  test("by the server action called directly: errors keyed by the offending path; nothing is saved", async ({ page }) => {
    const user = await makeUser("user");
    const profile = await makeProfile(user, { ok: true });
    await signIn(page, user);
    await page.goto("/profiles");
    const update = (customFields: unknown) =>
      callServerAction<ActionResult<Profile>>(page, ACTIONS, "updateProfileAction", { id: profile.id, version: 1, name: "Work", type: "professional", customFields });

    const dotted = await update({ ok: true, "a.b": 1 });
    expect(dotted).toMatchObject({ ok: false, fieldErrors: { "customFields.a.b": [expect.stringContaining("dot")] } });

    const deep = await update({ l2: { l3: { l4: { l5: { l6: { x: 1 } } } } } });
    expect(deep).toMatchObject({ ok: false, fieldErrors: { "customFields.l2.l3.l4.l5.l6": [expect.stringContaining("5 levels")] } });

    const big = await update({ note: "x".repeat(33 * 1024) });
    expect(big).toMatchObject({ ok: false, fieldErrors: { customFields: [expect.stringContaining("at most 32.0 KB")] } });

    const tooMany = await update(Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, i])));
    expect(tooMany).toMatchObject({ ok: false, fieldErrors: { customFields: [expect.stringContaining("200")] } });

    const created = await callServerAction<ActionResult<Profile>>(page, ACTIONS, "createProfileAction", { userId: user.id, name: "Bad", type: "custom", customFields: { "x.y": 1 } });
    expect(created).toMatchObject({ ok: false, fieldErrors: { "customFields.x.y": [expect.stringContaining("dot")] } });

    expect(await storedProfile(profile.id)).toMatchObject({ version: 1, customFields: { ok: true } });

    // The same call with valid fields is accepted, so the refusals above are the rules at work.
    expect(await update({ ok: false })).toMatchObject({ ok: true, data: { version: 2 } });
  });
});

test.describe("concurrent edits", () => {
  test("the second save gets the conflict with the other's changes; re-applying keeps both, discarding keeps theirs", async ({ browser }) => {
    test.setTimeout(120_000);
    const user = await makeUser("user");
    const admin = await makeUser("admin");
    const profile = await makeProfile(user, { team: "Blue", city: "Oslo" }, "Shared", "personal");
    const alice = await (await browser.newContext()).newPage();
    const bob = await (await browser.newContext()).newPage();
    await signIn(alice, user);
    await signIn(bob, admin);
    await alice.goto(`/profiles/${profile.id}`);
    await bob.goto(`/admin/users/${user.id}/profiles/${profile.id}`);
    await expect(bob.getByRole("heading", { level: 1, name: "Shared" })).toBeVisible();

    await row(alice, "Field team").getByLabel("Value", { exact: true }).fill("Green");
    await reviewAndSave(alice);

    await row(bob, "Field city").getByLabel("Value", { exact: true }).fill("Bergen");
    await (await openReview(bob)).getByRole("button", { name: "Save changes" }).click();
    const notice = bob.getByRole("region", { name: "Someone else saved this profile while you were editing" });
    await expect(notice).toBeVisible();
    await expect(notice).toBeFocused();
    await expect(notice.getByRole("listitem")).toHaveText(['team: "Blue" → "Green"']);
    expect(await storedFieldsText(profile.id)).toBe(JSON.stringify({ team: "Green", city: "Oslo" }));

    await notice.getByRole("button", { name: "Re-apply my changes on top" }).click();
    const review = bob.getByRole("dialog");
    await expect(review.getByRole("listitem")).toHaveText(['city: "Oslo" → "Bergen"']);
    await expect(row(bob, "Field team").getByLabel("Value", { exact: true })).toHaveValue("Green");
    await saveReviewed(bob, review);
    expect(await storedProfile(profile.id)).toMatchObject({ version: 3, customFields: { team: "Green", city: "Bergen" } });

    // Alice, still at version 2, changes the same field Bob changed: she sees it and keeps his.
    await row(alice, "Field city").getByLabel("Value", { exact: true }).fill("Trondheim");
    await (await openReview(alice)).getByRole("button", { name: "Save changes" }).click();
    const aliceNotice = alice.getByRole("region", { name: "Someone else saved this profile while you were editing" });
    await expect(aliceNotice.getByRole("listitem")).toHaveText(['city: "Oslo" → "Bergen"']);
    await aliceNotice.getByRole("button", { name: "Discard mine and load theirs" }).click();
    await expect(row(alice, "Field city").getByLabel("Value", { exact: true })).toHaveValue("Bergen");
    await expect(alice.getByText(/· version 3$/)).toBeVisible();
    expect(await storedProfile(profile.id)).toMatchObject({ version: 3, customFields: { team: "Green", city: "Bergen" } });

    // Had she re-applied instead, the review would have flagged the field they both changed.
    await row(alice, "Field city").getByLabel("Value", { exact: true }).fill("Trondheim");
    await row(bob, "Field city").getByLabel("Value", { exact: true }).fill("Stavanger");
    await reviewAndSave(bob);
    await (await openReview(alice)).getByRole("button", { name: "Save changes" }).click();
    await alice.getByRole("button", { name: "Re-apply my changes on top" }).click();
    const flagged = alice.getByRole("dialog").getByRole("listitem");
    await expect(flagged).toHaveCount(1);
    await expect(flagged).toContainText('city: "Stavanger" → "Trondheim"');
    await expect(flagged).toContainText("also changed by the other person: yours replaces theirs");
  });
});

test.describe("keyboard and accessibility", () => {
  async function tabTo(page: Page, name: string | RegExp, limit = 60): Promise<void> {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el ? (el.getAttribute("aria-label") ?? el.textContent ?? "").trim() : "";
      });
      if (typeof name === "string" ? focused === name : name.test(focused)) return;
    }
    throw new Error(`could not reach ${String(name)} with Tab`);
  }

  test("add a field, type its name and value, move it up and save, by keyboard alone", async ({ page }) => {
    const user = await makeUser("user");
    const profile = await makeProfile(user, { first: "one" });
    await signIn(page, user);
    await page.goto(`/profiles/${profile.id}`);
    await page.getByRole("heading", { level: 1, name: "Work" }).waitFor();

    await tabTo(page, "Add field");
    await page.keyboard.press("Enter");
    const fresh = row(page, "Field unnamed field");
    await expect(fresh.getByLabel("Name", { exact: true })).toBeFocused();
    await page.keyboard.type("second");
    await page.keyboard.press("Tab");
    await expect(row(page, "Field second").getByLabel("Type", { exact: true })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(row(page, "Field second").getByLabel("Value", { exact: true })).toBeFocused();
    await page.keyboard.type("two");
    await page.keyboard.press("Alt+ArrowUp");
    expect(await rowNames(page)).toEqual(["Field second", "Field first"]);
    await expect(row(page, "Field second").getByLabel("Value", { exact: true })).toBeFocused();
    await expect(page.getByText("Moved second up: position 1 of 2.")).toBeAttached();

    // The move buttons work from the keyboard too, and keep focus on the moved row.
    await tabTo(page, "Move second down");
    await page.keyboard.press("Enter");
    expect(await rowNames(page)).toEqual(["Field first", "Field second"]);
    await expect(row(page, "Field second").getByRole("button", { name: "Move second up" })).toBeFocused();
    await page.keyboard.press("Enter");
    expect(await rowNames(page)).toEqual(["Field second", "Field first"]);

    await tabTo(page, "Review changes");
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByRole("button", { name: "Back to editing" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(dialog.getByRole("button", { name: "Save changes" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByText(/· version 2$/)).toBeVisible();
    expect(await storedFieldsText(profile.id)).toBe(JSON.stringify({ second: "two", first: "one" }));
  });

  test("rows can be reordered by dragging", async ({ page }) => {
    const user = await makeUser("user");
    const profile = await makeProfile(user, { a: 1, b: 2, c: 3, group: { inner: true } });
    await signIn(page, user);
    await page.goto(`/profiles/${profile.id}`);
    await page.locator('[data-drag-handle="c"]').dragTo(row(page, "Field a"), { targetPosition: { x: 40, y: 3 } });
    expect(await rowNames(page)).toEqual(["Field c", "Field a", "Field b", "Field group", "Field group.inner"]);
    // Dropped on the middle of a group: into it.
    const target = row(page, "Field group");
    const box = await target.boundingBox();
    await page.locator('[data-drag-handle="b"]').dragTo(target, { targetPosition: { x: 40, y: (box?.height ?? 40) / 2 } });
    expect(await rowNames(page)).toEqual(["Field c", "Field a", "Field group", "Field group.inner", "Field group.b"]);
    await reviewAndSave(page);
    expect(await storedFieldsText(profile.id)).toBe(JSON.stringify({ c: 3, a: 1, group: { inner: true, b: 2 } }));
  });

  for (const scheme of ["light", "dark"] as const) {
    test(`the profiles pages have no serious or critical axe violations (${scheme})`, async ({ page }) => {
      test.setTimeout(60_000);
      const user = await makeUser("user");
      const profile = await makeProfile(user, { skills: ["TypeScript"], preferences: { notifications: true, since: "2024-01-31" }, level: 3, manager: null }, "Work");
      await makeProfile(user, {}, "Personal", "personal");
      await signIn(page, user);
      const scan = async (what: string) => expect(await seriousViolations(page), what).toEqual([]);
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto("/profiles");
      await expect(page.getByRole("list", { name: "Profiles" })).toBeVisible();
      await scan(`profiles (${scheme})`);

      await page.goto(`/profiles/${profile.id}`);
      await expect(row(page, "Field skills")).toBeVisible();
      await addField(page, "skills"); // a duplicate: the error styles are scanned too
      await scan(`editor with a problem (${scheme})`);
      await row(page, "Field skills").nth(1).getByRole("button", { name: "Remove skills" }).click();
      await page.getByRole("button", { name: "JSON", exact: true }).click();
      await scan(`editor, JSON (${scheme})`);
      await page.getByRole("button", { name: "Form", exact: true }).click();
      await row(page, "Field level").getByLabel("Value", { exact: true }).fill("4");
      await openReview(page);
      await scan(`review (${scheme})`);
      await page.getByRole("button", { name: "Back to editing" }).click();

      // The unsaved edit is offered back after a reload (the browser's prompt accepted first).
      page.on("dialog", (prompt) => void prompt.accept());
      await expect.poll(() => page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith("prework:profile-draft:")))).toBe(true);
      await page.reload();
      await expect(page.getByText(/^Restore your unsaved changes from/)).toBeVisible();
      await scan(`editor with a draft to restore (${scheme})`);
    });
  }
});
