// The theme switch in the account menu: saved in the default profile's preferences.theme (the
// spec's example record), applied by the server in the page's own HTML so a reload never flashes
// the other theme, and audited as the profile change it is.
import { listAuditByTarget } from "@/lib/db/audit";
import { getDefaultProfile } from "@/lib/db/profiles";
import { expect, test } from "./fixtures";
import { seriousViolations } from "./fixtures/accessibility";
import { makeProfile } from "./fixtures/profiles";
import { openAccountMenu } from "./fixtures/users";

const themeOf = (html: string) => /<html[^>]*class="([^"]*)"/.exec(html)?.[1]?.split(" ") ?? [];

test.describe("theme", () => {
  test("dark, then system: saved in the default profile, in the HTML of the next load, audited", async ({ login, page }) => {
    const user = await login("user");
    const profile = await makeProfile(user, { department: "Ops" }, "Personal", "personal");
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/");
    await openAccountMenu(page);
    const theme = page.getByRole("group", { name: "Theme" });
    await expect(theme.getByRole("radio", { name: "System" })).toBeChecked();
    await theme.getByText("Dark", { exact: true }).click();
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    await expect.poll(async () => (await getDefaultProfile(user.id))?.customFields).toEqual({ department: "Ops", preferences: { theme: "dark" } });

    // The server puts it in the first byte of HTML: nothing to swap after load.
    const html = await (await page.request.get("/profiles")).text();
    expect(themeOf(html)).toContain("dark");
    await page.reload();
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    expect(await seriousViolations(page)).toEqual([]);

    await openAccountMenu(page);
    await expect(theme.getByRole("radio", { name: "Dark" })).toBeChecked();
    expect(await seriousViolations(page)).toEqual([]);
    await theme.getByText("System", { exact: true }).click();
    await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
    await expect.poll(async () => (await getDefaultProfile(user.id))?.customFields).toEqual({ department: "Ops" });
    expect(themeOf(await (await page.request.get("/profiles")).text())).not.toContain("dark");

    const entries = (await listAuditByTarget(user.id, { limit: 20 })).items.filter((e) => e.action === "profile.updated" && e.details.profileId === profile.id);
    expect(entries).toHaveLength(2);
  });

  test("is chosen with the keyboard alone", async ({ login, page }) => {
    const user = await login("user");
    await makeProfile(user, {}, "Personal", "personal");
    await page.goto("/");
    const menuButton = page.getByRole("button", { name: new RegExp(`^${user.name}\\s*, account menu$`) });
    await menuButton.focus();
    await page.keyboard.press("Enter");
    const system = page.getByRole("group", { name: "Theme" }).getByRole("radio", { name: "System" });
    await system.focus();
    await page.keyboard.press("ArrowRight");
    await expect(page.locator("html")).toHaveClass(/\blight\b/);
    await expect.poll(async () => ((await getDefaultProfile(user.id))?.customFields.preferences as { theme?: string } | undefined)?.theme).toBe("light");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("group", { name: "Theme" })).toBeHidden();
    await expect(menuButton).toBeFocused();
  });

  test("a preferences value the person typed themselves is not replaced: the page says why and keeps its theme", async ({ login, page }) => {
    const user = await login("user");
    await makeProfile(user, { preferences: "my own note" }, "Personal", "personal");
    await page.goto("/");
    await openAccountMenu(page);
    await page.getByRole("group", { name: "Theme" }).getByText("Dark", { exact: true }).click();
    await expect(page.getByText(/The theme could not be saved: .*“preferences” field that is not a group of fields/)).toBeVisible();
    await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
    expect((await getDefaultProfile(user.id))?.customFields).toEqual({ preferences: "my own note" });
  });

  test("a user without a profile gets a Personal one to hold the choice", async ({ login, page }) => {
    const user = await login("user");
    await page.goto("/");
    await openAccountMenu(page);
    await page.getByRole("group", { name: "Theme" }).getByText("Dark", { exact: true }).click();
    await expect.poll(async () => (await getDefaultProfile(user.id))?.name).toBe("Personal");
    expect((await getDefaultProfile(user.id))?.customFields).toEqual({ preferences: { theme: "dark" } });
  });
});
