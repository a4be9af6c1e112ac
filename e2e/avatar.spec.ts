// Avatars and backgrounds on the profile pages: pick → crop (zoom, keys, drag) → encoded in the
// browser at the target size → uploaded straight to S3 → shown wherever the profile appears,
// with the initials fallback before and after removal.
import type { Page } from "@playwright/test";
import { getFile } from "@/lib/db/files";
import { createProfile, getProfile } from "@/lib/db/profiles";
import { makeUser, signIn } from "./fixtures/users";
import { objectExists, pngBytes } from "./fixtures/files";
import { expect, test } from "./fixtures";
import { seriousViolations } from "./fixtures/accessibility";

const PROFILES = "/profiles";
const isS3 = (url: string) => url.startsWith(process.env.S3_ENDPOINT ?? "no S3 endpoint");

/** The natural size of an <img> as the browser decoded it. */
async function naturalSize(page: Page, name: string) {
  const image = page.locator("img").and(page.getByRole("img", { name, exact: true })).first();
  // The editor shows a local preview (blob:) until the refreshed page brings the stored image,
  // and the element's size reads 0 while its new source loads: wait for the stored one, loaded.
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0 && !img.src.startsWith("blob:"))).toBe(true);
  return image.evaluate((img: HTMLImageElement) => ({ width: img.naturalWidth, height: img.naturalHeight, src: img.src }));
}

function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test("a user crops and uploads an avatar, sees it on their profile card, and removes it", async ({ page }) => {
  test.setTimeout(90_000);
  const violations = cspViolations(page);
  const user = await makeUser("user");
  const profile = await createProfile(user.id, { name: "Ada at Work", type: "professional", customFields: {} }, { actorId: user.id });
  const source = pngBytes(900, 600);
  await signIn(page, user);

  await page.goto(PROFILES);
  await expect(page.getByRole("img", { name: "Ada at Work", exact: true }).first()).toHaveText("AW");

  await page.goto(`${PROFILES}/${profile.id}`);
  await page.getByLabel("Change avatar").setInputFiles({ name: "holiday.png", mimeType: "image/png", buffer: source });
  const dialog = page.getByRole("dialog", { name: "Crop avatar" });
  await expect(dialog).toBeVisible();
  expect(await seriousViolations(page), "crop dialog").toEqual([]);
  await dialog.getByLabel("Zoom").fill("2");
  const area = dialog.getByRole("group", { name: "Crop area for the avatar" });
  await area.focus();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("+");
  const box = (await area.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 + 10, { steps: 4 });
  await page.mouse.up();

  const put = page.waitForResponse((response) => response.request().method() === "PUT" && isS3(response.url()));
  await dialog.getByRole("button", { name: "Save avatar" }).click();
  const response = await put;
  expect(response.status()).toBe(200);
  expect(response.request().headers()["content-type"]).toBe("image/webp");
  await expect(dialog).toBeHidden();

  // Kept as the profile's avatar: a 512×512 WebP at the profile's key, far smaller than the source.
  await expect.poll(async () => (await getProfile(profile.id, { consistent: true }))?.avatarFileId).toBeTruthy();
  const avatar = (await getFile((await getProfile(profile.id, { consistent: true }))!.avatarFileId!, { consistent: true }))!;
  expect(avatar).toMatchObject({ mimeType: "image/webp", purpose: "avatar", profileId: profile.id, s3Key: `users/${user.id}/profiles/${profile.id}/avatar-${avatar.id}.webp` });
  expect(avatar.size).toBeLessThan(source.length);

  await page.goto(PROFILES);
  const shown = await naturalSize(page, "Ada at Work");
  expect(shown).toMatchObject({ width: 512, height: 512 });
  expect(isS3(shown.src)).toBe(true);

  await page.goto(`${PROFILES}/${profile.id}`);
  expect(await seriousViolations(page), "profile with avatar").toEqual([]);
  await page.getByRole("button", { name: "Remove avatar" }).click();
  await page.getByRole("dialog", { name: "Remove the avatar?" }).getByRole("button", { name: "Remove avatar" }).click();
  await expect(page.getByRole("button", { name: "Remove avatar" })).toHaveCount(0);
  expect((await getProfile(profile.id, { consistent: true }))?.avatarFileId).toBeUndefined();
  expect(await getFile(avatar.id, { consistent: true })).toBeNull();
  expect(await objectExists(avatar.s3Key)).toBe(false);
  await page.goto(PROFILES);
  await expect(page.getByRole("img", { name: "Ada at Work", exact: true }).first()).toHaveText("AW");

  expect(violations).toEqual([]);
});

test("a background is cropped to 3:1 and saved at 1500×500", async ({ page }) => {
  const user = await makeUser("user");
  const profile = await createProfile(user.id, { name: "Grace", type: "personal", customFields: {} }, { actorId: user.id });
  await signIn(page, user);
  await page.goto(`${PROFILES}/${profile.id}`);
  await page.getByLabel("Change background").setInputFiles({ name: "sky.png", mimeType: "image/png", buffer: pngBytes(1200, 900) });
  const dialog = page.getByRole("dialog", { name: "Crop background" });
  await dialog.getByRole("button", { name: "Save background" }).click();
  await expect(dialog).toBeHidden();
  const shown = await naturalSize(page, "Background of Grace");
  expect(shown).toMatchObject({ width: 1500, height: 500 });
  const stored = await getProfile(profile.id, { consistent: true });
  expect((await getFile(stored!.backgroundFileId!, { consistent: true }))?.s3Key).toBe(`users/${user.id}/profiles/${profile.id}/background-${stored!.backgroundFileId}.webp`);
});

test("a file that is not an image is refused before cropping, and nothing is uploaded", async ({ page }) => {
  const user = await makeUser("user");
  const profile = await createProfile(user.id, { name: "Alan", type: "personal", customFields: {} }, { actorId: user.id });
  await signIn(page, user);
  await page.goto(`${PROFILES}/${profile.id}`);
  await page.getByLabel("Change avatar").setInputFiles({ name: "fake.png", mimeType: "image/png", buffer: Buffer.from("<html>not a picture</html>") });
  await expect(page.getByText("fake.png could not be read as an image.")).toBeVisible();
  await expect(page.getByRole("dialog", { name: "Crop avatar" })).toBeHidden();
  expect((await getProfile(profile.id, { consistent: true }))?.avatarFileId).toBeUndefined();
});
