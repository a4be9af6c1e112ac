// Test data made directly through the app's own data layer (the same repositories, guard and
// audit entries as the app), and the sign-in step every role-specific test starts with.
import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { hashPassword } from "@/lib/auth/password";
import { createUser, getUser, setUserActive, type User } from "@/lib/db/users";
import type { Role } from "@/lib/validation/users";

export const PASSWORD = "e2e password that is long enough";

export async function makeUser(role: Role = "user", overrides: { name?: string; email?: string } = {}): Promise<User> {
  return createUser(
    {
      email: overrides.email ?? `${role}-${randomUUID()}@e2e.test`,
      name: overrides.name ?? `E2E ${role[0]!.toUpperCase()}${role.slice(1)}`,
      role,
      passwordHash: await hashPassword(PASSWORD),
    },
    { actorId: "e2e-fixture", userAgent: "playwright" },
  );
}

export async function deactivate(user: User): Promise<void> {
  const current = await getUser(user.id, { consistent: true });
  if (!current) throw new Error(`no user ${user.id}`);
  await setUserActive(user.id, current.version, false, { actorId: "e2e-fixture" });
}

export async function signIn(page: Page, user: { email: string }, password = PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
}
