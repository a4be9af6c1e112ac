// States you can see: a disabled control looks disabled (faded, no hover response, a "not
// allowed" cursor), and after a save the result message takes the focus, so a keyboard or
// screen-reader user hears and sees that it worked without hunting for a toast.
import { expect, test } from "./fixtures";
import { addField, makeProfile, reviewAndSave } from "./fixtures/profiles";

test("a disabled button looks disabled and does not respond to hover", async ({ login, page }) => {
  await login("admin");
  await page.goto("/admin/users");
  const previous = page.getByRole("button", { name: "Previous page", exact: true });
  await expect(previous).toBeDisabled();
  const style = () => previous.evaluate((el) => ({ opacity: getComputedStyle(el).opacity, cursor: getComputedStyle(el).cursor, background: getComputedStyle(el).backgroundColor }));
  const before = await style();
  expect(Number(before.opacity)).toBeLessThan(0.7);
  expect(before.cursor).toBe("not-allowed");
  await previous.hover({ force: true });
  expect((await style()).background).toBe(before.background);
});

test("after a profile save, focus goes to the message that says it was saved", async ({ login, page }) => {
  const user = await login("user");
  const profile = await makeProfile(user, { team: "Ops" });
  await page.goto(`/profiles/${profile.id}`);
  const field = await addField(page, "desk");
  await field.getByLabel("Value").fill("4F-12");
  await reviewAndSave(page);
  const message = page.getByText(/^Profile saved\. Version 2 at \d\d:\d\d\.$/);
  await expect(message).toBeFocused();
  await expect(page.getByRole("region", { name: /Notifications/ }).getByText("Profile saved")).toHaveCount(0);
});
