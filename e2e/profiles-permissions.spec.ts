import type { ActionResult } from "@/lib/types/action-result";
import { listProfiles, type Profile } from "@/lib/db/profiles";
import { expect, test } from "./fixtures";
import { makeUser, signIn } from "./fixtures/users";
import { addField, card, makeProfile, reviewAndSave, storedProfile } from "./fixtures/profiles";
import { callServerAction } from "./fixtures/server-actions";

const ACTIONS = "lib/actions/profiles/profile-actions.ts";
const MISSING = "This profile does not exist.";

// Whole flows in the browser, on a machine shared with other builds: room beyond the default 30 s.
test.describe.configure({ timeout: 90_000 });

test.describe("who may manage whose profiles", () => {
  test("a manager edits a user's profile from /admin/users/[id]/profiles", async ({ page }) => {
    const manager = await makeUser("manager");
    const user = await makeUser("user", { name: "Uma User" });
    const profile = await makeProfile(user, { team: "Blue" }, "Uma at work");
    await signIn(page, manager);
    await page.goto(`/admin/users/${user.id}/profiles`);
    await expect(page.getByRole("heading", { level: 1, name: "Uma User's profiles" })).toBeVisible();
    await card(page, "Uma at work").getByRole("link", { name: "Edit fields of Uma at work" }).click();
    await expect(page.getByRole("link", { name: "Uma User's profiles" })).toBeVisible();
    await addField(page, "office");
    await page.getByRole("group", { name: "Field office" }).getByLabel("Value", { exact: true }).fill("Berlin");
    await reviewAndSave(page);
    expect((await storedProfile(profile.id)).customFields).toEqual({ team: "Blue", office: "Berlin" });

    // And creates one for them.
    await page.getByRole("link", { name: "Uma User's profiles" }).click();
    const create = page.getByRole("region", { name: "New profile" });
    await create.getByLabel("Profile name").fill("Uma at home");
    await create.getByRole("button", { name: "Create profile" }).click();
    await expect(card(page, "Uma at home")).toBeVisible();
    expect((await listProfiles(user.id)).map((p) => p.name).sort()).toEqual(["Uma at home", "Uma at work"]);
  });

  test("a manager cannot reach an admin's profiles, in the UI or by calling the actions", async ({ page }) => {
    const manager = await makeUser("manager");
    const admin = await makeUser("admin");
    const user = await makeUser("user");
    const secret = `secret-${crypto.randomUUID()}`;
    const adminProfile = await makeProfile(admin, { secret }, "Admin profile");
    const userProfile = await makeProfile(user, { team: "Blue" }, "User profile");
    await signIn(page, manager);

    // Not found, with nothing of the admin's in it (status 200 where a loading boundary streams first).
    for (const path of [`/admin/users/${admin.id}/profiles`, `/admin/users/${admin.id}/profiles/${adminProfile.id}`, `/admin/users/${user.id}/profiles/${adminProfile.id}`]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: /not found/ }), path).toBeVisible();
      const html = await page.content();
      for (const leaked of [secret, admin.email, "Admin profile"]) expect(html, path).not.toContain(leaked);
    }

    await page.goto("/profiles");
    const call = <T,>(name: string, input: unknown) => callServerAction<ActionResult<T>>(page, ACTIONS, name, input);
    expect(await call("getProfileAction", { id: adminProfile.id })).toEqual({ ok: false, error: MISSING });
    expect(await call("updateProfileAction", { id: adminProfile.id, version: 1, name: "Mine now", type: "custom", customFields: {} })).toEqual({ ok: false, error: MISSING });
    expect(await call("makeDefaultProfileAction", { id: adminProfile.id })).toEqual({ ok: false, error: MISSING });
    expect(await call("deleteProfileAction", { id: adminProfile.id })).toEqual({ ok: false, error: MISSING });
    expect(await call("createProfileAction", { userId: admin.id, name: "Planted", type: "custom" })).toEqual({ ok: false, error: "This user does not exist." });
    expect(await storedProfile(adminProfile.id)).toMatchObject({ name: "Admin profile", version: 1, customFields: { secret } });
    expect(await listProfiles(admin.id)).toHaveLength(1);

    // The same calls on a user's profile succeed: the refusals are the permission check.
    const updated = await call<Profile>("updateProfileAction", { id: userProfile.id, version: 1, name: "User profile", type: "custom", customFields: { team: "Red" } });
    expect(updated).toMatchObject({ ok: true, data: { version: 2 } });
    expect((await storedProfile(userProfile.id)).customFields).toEqual({ team: "Red" });
  });

  test("a user cannot read or change another user's profile by guessing its id", async ({ page }) => {
    const mallory = await makeUser("user");
    const victim = await makeUser("user");
    const target = await makeProfile(victim, { diary: "private" }, "Victim profile");
    await makeProfile(mallory, {}, "Mine");
    await signIn(page, mallory);

    const response = await page.goto(`/profiles/${target.id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByText("private")).toHaveCount(0);
    expect((await page.goto(`/admin/users/${victim.id}/profiles`))?.status()).toBe(403);

    await page.goto("/profiles");
    const call = (name: string, input: unknown) => callServerAction<ActionResult<unknown>>(page, ACTIONS, name, input);
    // Someone else's profile and a profile that never existed get the same answer.
    expect(await call("getProfileAction", { id: target.id })).toEqual({ ok: false, error: MISSING });
    expect(await call("getProfileAction", { id: crypto.randomUUID() })).toEqual({ ok: false, error: MISSING });
    expect(await call("updateProfileAction", { id: target.id, version: 1, name: "Hacked", type: "custom", customFields: {} })).toEqual({ ok: false, error: MISSING });
    expect(await call("makeDefaultProfileAction", { id: target.id })).toEqual({ ok: false, error: MISSING });
    expect(await call("deleteProfileAction", { id: target.id })).toEqual({ ok: false, error: MISSING });
    expect(await call("createProfileAction", { userId: victim.id, name: "Planted", type: "custom" })).toEqual({ ok: false, error: "This user does not exist." });

    expect(await storedProfile(target.id)).toMatchObject({ name: "Victim profile", version: 1, customFields: { diary: "private" } });
    expect((await listProfiles(victim.id)).map((p) => p.name)).toEqual(["Victim profile"]);
  });
});
