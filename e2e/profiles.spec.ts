import { listAuditByTarget } from "@/lib/db/audit";
import { listProfiles, makeDefaultProfile } from "@/lib/db/profiles";
import { expect, test } from "./fixtures";
import { FIXTURE_CTX, makeUser, signIn } from "./fixtures/users";
import { seriousViolations } from "./fixtures/accessibility";
import { makeProfileImage, pngBytes } from "./fixtures/files";
import { addField, card, makeProfile, openReview, reviewAndSave, row, rowNames, saveReviewed, storedFieldsText, storedProfile } from "./fixtures/profiles";

// Whole flows in the browser, on a machine shared with other builds: room beyond the default 30 s.
test.describe.configure({ timeout: 90_000 });

test.describe("my profiles", () => {
  test("a profile's background shows as its card's banner, the text readable in light and dark", async ({ login, page }) => {
    const user = await login("user");
    const withImage = await makeProfile(user, {}, "Travel", "personal");
    await makeProfileImage(user, withImage.id, "background", pngBytes(60, 20));
    await makeProfile(user, {}, "Plain", "custom");
    await page.goto("/profiles");
    const banner = card(page, "Travel").locator("[data-profile-banner=image] img");
    await expect(banner).toHaveAttribute("alt", "");
    await expect.poll(() => banner.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(60);
    await expect(card(page, "Plain").locator("[data-profile-banner=none]")).toHaveCount(1);
    await expect(card(page, "Plain").locator("img")).toHaveCount(0);
    // The banner sits above the name, never under the text.
    const bannerBox = (await banner.boundingBox())!;
    const headingBox = (await card(page, "Travel").getByRole("heading", { name: "Travel" }).boundingBox())!;
    expect(headingBox.y).toBeGreaterThanOrEqual(bannerBox.y + bannerBox.height);
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await seriousViolations(page), scheme).toEqual([]);
    }
  });

  test("create two profiles, build nested fields, reorder, JSON and back, review, save, reload; make default; delete promotes", async ({ login, page }) => {
    test.setTimeout(120_000);
    const user = await login("user");
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Profiles" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "My profiles" })).toBeVisible();
    await expect(page.getByText("No profiles yet — create one")).toBeVisible();

    const create = page.getByRole("region", { name: "New profile" });
    for (const [name, type] of [["Personal", "personal"], ["Work", "professional"]] as const) {
      await create.getByLabel("Profile name").fill(name);
      await create.getByLabel("Profile type").selectOption(type);
      await create.getByRole("button", { name: "Create profile" }).click();
      await expect(card(page, name)).toBeVisible();
    }
    await expect(card(page, "Personal").getByText("Default", { exact: true })).toBeVisible();
    await expect(card(page, "Work").getByText("Default", { exact: true })).toHaveCount(0);
    await expect(card(page, "Work")).toContainText("Professional · 0 fields");

    await card(page, "Work").getByRole("link", { name: "Edit fields of Work" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Work" })).toBeVisible();

    // A list of skills.
    const skills = await addField(page, "skills");
    await skills.getByLabel("Type", { exact: true }).selectOption("list");
    await page.getByRole("button", { name: "Add item to skills" }).click();
    await expect(row(page, "Item 1 in skills").getByLabel("Value", { exact: true })).toBeFocused();
    await page.keyboard.type("TypeScript");
    await page.getByRole("button", { name: "Add item to skills" }).click();
    await row(page, "Item 2 in skills").getByLabel("Value", { exact: true }).fill("React");

    // A preferences group with a yes/no, and a text that is nested into it from the top level.
    const preferences = await addField(page, "preferences");
    await preferences.getByLabel("Type", { exact: true }).selectOption("group");
    const notifications = await addField(page, "notifications", "preferences");
    await notifications.getByLabel("Type", { exact: true }).selectOption("boolean");
    await notifications.getByLabel("Value", { exact: true }).check();
    const signature = await addField(page, "signature");
    await signature.getByLabel("Value", { exact: true }).fill("Best, Ann");
    await signature.getByRole("button", { name: "Nest signature into the list or group above" }).click();
    await expect(row(page, "Field preferences.signature")).toBeVisible();

    // Reorder: preferences to the top, and signature above notifications.
    await row(page, "Field preferences").getByRole("button", { name: "Move preferences up" }).click();
    await row(page, "Field preferences.signature").getByRole("button", { name: "Move preferences.signature up" }).click();
    const arranged = [
      "Field preferences",
      "Field preferences.signature",
      "Field preferences.notifications",
      "Field skills",
      "Item 1 in skills",
      "Item 2 in skills",
    ];
    expect(await rowNames(page)).toEqual(arranged);

    // Collapse and expand a group.
    await row(page, "Field preferences").getByRole("button", { name: "preferences: 2 fields", expanded: true }).click();
    await expect(row(page, "Field preferences.signature")).toBeHidden();
    await row(page, "Field preferences").getByRole("button", { name: "preferences: 2 fields", expanded: false }).click();
    await expect(row(page, "Field preferences.signature")).toBeVisible();

    // JSON and back: the text shows the arranged order; a mistake is located and the text kept.
    const expected = { preferences: { signature: "Best, Ann", notifications: true }, skills: ["TypeScript", "React"] };
    await page.getByRole("button", { name: "JSON", exact: true }).click();
    const json = page.getByLabel("Custom fields as JSON");
    await expect(json).toHaveValue(JSON.stringify(expected, null, 2));
    const broken = JSON.stringify(expected, null, 2).replace('"Best, Ann",', '"Best, Ann"');
    await json.fill(broken);
    await expect(page.getByText('Line 4, column 5: Expected "," or "}" but found "\\"".')).toBeVisible();
    await page.getByRole("button", { name: "Form", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Line 4, column 5" })).toBeVisible();
    await expect(json).toHaveValue(broken);
    await json.fill(JSON.stringify(expected, null, 2).replace('"React"', '"React 19"'));
    await page.getByRole("button", { name: "Form", exact: true }).click();
    await expect(row(page, "Item 2 in skills").getByLabel("Value", { exact: true })).toHaveValue("React 19");
    expect(await rowNames(page)).toEqual(arranged);

    // Review lists exactly what will change, by dotted path; then save.
    const dialog = await openReview(page);
    await expect(dialog.getByRole("heading", { name: "Review 2 changes" })).toBeVisible();
    await expect(dialog.getByRole("heading", { name: "Added (2)" })).toBeVisible();
    await expect(dialog.getByRole("listitem")).toHaveText([
      'preferences = {"signature":"Best, Ann","notifications":true}',
      'skills = ["TypeScript","React 19"]',
    ]);
    await saveReviewed(page, dialog);

    const work = (await listProfiles(user.id)).find((p) => p.name === "Work");
    expect(work).toBeDefined();
    const saved = JSON.stringify({ ...expected, skills: ["TypeScript", "React 19"] });
    expect(await storedFieldsText(work!.id)).toBe(saved);

    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Work" })).toBeVisible();
    expect(await rowNames(page)).toEqual(arranged);
    await expect(row(page, "Field preferences.notifications").getByLabel("Value", { exact: true })).toBeChecked();
    await expect(row(page, "Field preferences.signature").getByLabel("Value", { exact: true })).toHaveValue("Best, Ann");

    // A move alone is a change: the review says so, and the new order survives a reload.
    await row(page, "Field skills").getByRole("button", { name: "Move skills up" }).click();
    const moveReview = await openReview(page);
    await expect(moveReview.getByRole("listitem")).toHaveText(["skills: position 2 → 1"]);
    await saveReviewed(page, moveReview);
    await page.reload();
    expect((await rowNames(page))[0]).toBe("Field skills");

    // Make Work the default, then delete it: Personal is promoted.
    await page.getByRole("link", { name: "My profiles" }).click();
    await card(page, "Work").getByRole("button", { name: "Make default for Work" }).click();
    await expect(card(page, "Work").getByText("Default", { exact: true })).toBeVisible();
    await expect(card(page, "Personal").getByText("Default", { exact: true })).toHaveCount(0);

    await card(page, "Work").getByRole("button", { name: "Delete Work" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete “Work”?" });
    await expect(confirm).toContainText("It is the default profile");
    await confirm.getByRole("button", { name: "Delete profile" }).click();
    await expect(card(page, "Work")).toHaveCount(0);
    await expect(card(page, "Personal").getByText("Default", { exact: true })).toBeVisible();

    const remaining = await listProfiles(user.id);
    expect(remaining.map((p) => [p.name, p.isDefault])).toEqual([["Personal", true]]);
    const actions = (await listAuditByTarget(user.id)).items.map((e) => e.action);
    for (const action of ["profile.created", "profile.updated", "profile.default_changed", "profile.deleted"]) expect(actions).toContain(action);
  });

  test("rename and change type from the card, with a check that nobody changed it meanwhile", async ({ page }) => {
    const user = await makeUser("user");
    const profile = await makeProfile(user, { keep: "me" }, "Old name", "personal");
    await signIn(page, user);
    await page.goto("/profiles");
    await card(page, "Old name").getByRole("button", { name: "Rename or change the type of Old name" }).click();
    const dialog = page.getByRole("dialog");
    // The name rules (shared with the action's schema) answer on the field itself.
    await dialog.getByLabel("Profile name").fill("   ");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog.getByText("Profile name is required.")).toBeVisible();
    await expect(dialog.getByLabel("Profile name")).toBeFocused();
    await dialog.getByLabel("Profile name").fill("New name");
    await expect(dialog.getByText("Profile name is required.")).toHaveCount(0);
    await dialog.getByLabel("Profile type").selectOption("custom");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(card(page, "New name")).toContainText("Custom · 1 field");
    expect(await storedProfile(profile.id)).toMatchObject({ name: "New name", type: "custom", customFields: { keep: "me" }, version: 2 });
  });

  test("values and names are shown as text: hostile strings never become markup", async ({ page }) => {
    const hostile = '<img src=x onerror="alert(1)">';
    const user = await makeUser("user");
    const profile = await makeProfile(user, { [hostile]: "<script>alert(2)</script><b>bold</b>", note: "\u202etxt.exe" }, hostile);
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await signIn(page, user);
    await page.goto("/profiles");
    await expect(card(page, hostile)).toBeVisible();
    await page.goto(`/profiles/${profile.id}`);
    await expect(page.getByRole("heading", { level: 1, name: hostile })).toBeVisible();
    await expect(row(page, `Field ${hostile}`).getByLabel("Value", { exact: true })).toHaveValue("<script>alert(2)</script><b>bold</b>");
    await row(page, `Field ${hostile}`).getByLabel("Value", { exact: true }).fill("<b>still text</b>");
    const dialog = await openReview(page);
    await expect(dialog).toContainText('"<b>still text</b>"');
    await expect(page.locator("main img, main b, [role=dialog] b")).toHaveCount(0);
    expect(dialogs).toEqual([]);
  });
});

test.describe("theme from the default profile", () => {
  test("preferences.theme dark or light sets the class on <html>; removing it follows the system", async ({ page }) => {
    const user = await makeUser("user");
    const profile = await makeProfile(user, { preferences: { theme: "dark", notifications: true } }, "Me", "personal");
    // A non-default profile's theme does not count.
    await makeProfile(user, { preferences: { theme: "light" } }, "Other", "custom");
    await signIn(page, user);
    await page.goto("/");
    await expect(page.locator("html")).toHaveClass(/(^|\s)dark(\s|$)/);

    await page.goto(`/profiles/${profile.id}`);
    await row(page, "Field preferences.theme").getByLabel("Value", { exact: true }).fill("light");
    await reviewAndSave(page);
    await page.reload();
    await expect(page.locator("html")).toHaveClass(/(^|\s)light(\s|$)/);

    await row(page, "Field preferences.theme").getByRole("button", { name: "Remove preferences.theme" }).click();
    await reviewAndSave(page);
    await page.reload();
    await expect(page.locator("html")).not.toHaveClass(/(^|\s)(dark|light)(\s|$)/);

    // Making the other profile (light) the default switches to its theme.
    const other = (await listProfiles(user.id)).find((p) => p.name === "Other");
    await makeDefaultProfile(other!.id, FIXTURE_CTX);
    await page.reload();
    await expect(page.locator("html")).toHaveClass(/(^|\s)light(\s|$)/);
  });
});
