// Server actions check authorization themselves: these call them directly, the way a crafted
// request would, with what the UI would never offer.
import { getUser, getUserByEmail } from "@/lib/db/users";
import { expect, test } from "./fixtures";
import { makeUser } from "./fixtures/users";
import { callServerAction } from "./fixtures/server-actions";

type Result = { ok: boolean; error?: string; data?: unknown };
const USERS = "lib/actions/users";

test("a user with role user gets no admin data from the list action", async ({ login, page }) => {
  await login("user");
  const result = await callServerAction<Result>(page, `${USERS}/list-users.ts`, "listUsersAction", { filter: {}, cursor: null });
  expect(result).toEqual({ ok: false, error: "You do not have permission to do that." });
});

test("a signed-out request is refused before anything runs", async ({ page }) => {
  await page.goto("/sign-in");
  const result = await callServerAction<Result>(page, `${USERS}/list-users.ts`, "listUsersAction", { filter: {}, cursor: null });
  expect(result).toMatchObject({ ok: false, error: "Your session has ended. Please sign in again." });
});

test("a manager cannot edit, deactivate or promote an admin, nor create one, by calling actions directly", async ({ login, page }) => {
  await login("manager");
  const admin = await makeUser("admin");
  const plain = await makeUser("user");

  const edit = await callServerAction<Result>(page, `${USERS}/update-user.ts`, "updateUserAction", {
    id: admin.id,
    version: admin.version,
    name: "Taken over",
    email: admin.email,
    role: "user",
  });
  expect(edit.ok).toBe(false);
  const deactivate = await callServerAction<Result>(page, `${USERS}/set-user-active.ts`, "setUserActiveAction", { id: admin.id, version: admin.version, active: false });
  expect(deactivate.ok).toBe(false);
  const promote = await callServerAction<Result>(page, `${USERS}/update-user.ts`, "updateUserAction", {
    id: plain.id,
    version: plain.version,
    name: plain.name,
    email: plain.email,
    role: "admin",
  });
  expect(promote).toMatchObject({ ok: false, error: "You may not change this user's role." });
  const email = `made-by-manager-${Date.now()}@e2e.test`;
  const create = await callServerAction<Result>(page, `${USERS}/create-user.ts`, "createUserAction", { name: "Sneaky", email, role: "admin" });
  expect(create).toMatchObject({ ok: false, error: "You may not create a user with this role." });

  const bulk = await callServerAction<{ ok: true; data: { succeeded: number; failed: Array<{ id: string }> } }>(page, `${USERS}/bulk-users.ts`, "bulkUsersAction", {
    operation: "set_role",
    role: "admin",
    ids: [plain.id, admin.id],
  });
  expect(bulk.data.succeeded).toBe(0);
  expect(bulk.data.failed.map((f) => f.id).sort()).toEqual([plain.id, admin.id].sort());

  expect(await getUser(admin.id, { consistent: true })).toMatchObject({ name: admin.name, role: "admin", isActive: true, version: admin.version });
  expect(await getUser(plain.id, { consistent: true })).toMatchObject({ role: "user", version: plain.version });
  expect(await getUserByEmail(email)).toBeNull();
});
