// Faces: a user's default profile's avatar shows in the header's account menu (initials before),
// through /api/avatars, which only signed-in people may follow and which names no storage key.
import { getUser } from "@/lib/db/users";
import { createProfile } from "@/lib/db/profiles";
import { expect, test } from "./fixtures";
import { makeAvatar } from "./fixtures/files";
import { makeUser } from "./fixtures/users";
import { avatarPath } from "@/lib/users/avatar-path";

const accountButton = (page: import("@playwright/test").Page) => page.getByRole("button", { name: /, account menu$/ });

test("the header shows initials, then the default profile's avatar once it has one", async ({ login, page }) => {
  const user = await login("user", { name: "Ines Okafor" });
  const profile = await createProfile(user.id, { name: "Work", type: "professional", customFields: {} }, { actorId: user.id });
  await page.goto("/");
  await expect(accountButton(page)).toContainText("IO");
  await expect(accountButton(page).locator("img")).toHaveCount(0);

  await makeAvatar(user, profile.id);
  await page.reload();
  const image = accountButton(page).locator("img");
  await expect(image).toHaveAttribute("src", new RegExp(`/api/avatars/${user.id}\\?v=[\\w-]{10}$`));
  // Decorative: the button already says whose menu it is.
  await expect(image).toHaveAttribute("alt", "");
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64);
});

test("/api/avatars answers signed-in people only, caches the current version, and refuses tampered ids", async ({ login, page, playwright, baseURL }) => {
  const owner = await makeUser("user");
  const profile = await createProfile(owner.id, { name: "Home", type: "personal", customFields: {} }, { actorId: owner.id });
  await makeAvatar(owner, profile.id);
  const stored = (await getUser(owner.id, { consistent: true }))!;
  await login("user");
  await page.goto("/");

  // A page rendered now links the current version.
  const path = `/api/avatars/${owner.id}?v=`;
  const current = await page.request.get(`${path}${await versionOf(owner.id)}`, { maxRedirects: 0 });
  expect(current.status()).toBe(302);
  expect(current.headers()["cache-control"]).toMatch(/^private, max-age=\d+$/);
  expect(current.headers().location).toContain(stored.avatarKey!.split("/").pop()!);

  const stale = await page.request.get(`${path}old`, { maxRedirects: 0 });
  expect(stale.status()).toBe(302);
  expect(stale.headers()["cache-control"]).toBe("private, no-store");

  for (const id of ["not-a-uuid", "../../etc/passwd", "00000000-0000-4000-8000-000000000000"]) {
    expect((await page.request.get(`/api/avatars/${encodeURIComponent(id)}`, { maxRedirects: 0 })).status()).toBe(404);
  }

  const anonymous = await playwright.request.newContext({ baseURL });
  expect((await anonymous.get(`${path}x`, { maxRedirects: 0 })).status()).toBe(401);
  await anonymous.dispose();
});

/** The version a freshly rendered page links for this user. */
async function versionOf(userId: string): Promise<string> {
  const user = (await getUser(userId, { consistent: true }))!;
  return new URL(avatarPath(user)!, "http://x").searchParams.get("v")!;
}
