// Test data made directly through the app's own data layer (the same repositories, guard and
// audit entries as the app), and the sign-in step every role-specific test starts with.
import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { hashPassword } from "@/lib/auth/password";
import { encode } from "next-auth/jwt";
import { newSession } from "@/lib/db/sessions";
import { createUser, getCredentialsByEmail, getUser, recordSignIn, setUserActive } from "@/lib/db/users";
import { type User } from "@/lib/validation/users";
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

/** The name Auth.js gives its cookie over plain HTTP (the test server's); also the JWT's salt. */
const SESSION_COOKIE = "authjs.session-token";

/**
 * Signs in without the form: a real session through the same transaction the sign-in check
 * writes (session item, `auth.signed_in`, last sign-in), and the cookie Auth.js would set for
 * it, encrypted with the server's secret. Only the sign-in specs need the form itself.
 */
export async function signIn(page: Page, user: { email: string }): Promise<void> {
  const record = await getCredentialsByEmail(user.email);
  if (!record) throw new Error(`no user ${user.email}`);
  const session = newSession(record.user.id, record.sessionGeneration, { ipAddress: "127.0.0.1", userAgent: "playwright" });
  const recorded = await recordSignIn(record.user, record.sessionGeneration, { id: session.session.id, put: session.put }, { ipAddress: "127.0.0.1", userAgent: "playwright" });
  if (!recorded) throw new Error(`${user.email} cannot sign in (deactivated?)`);
  const secret = process.env.AUTH_SECRET;
  const baseUrl = process.env.E2E_BASE_URL;
  if (!secret || !baseUrl) throw new Error("AUTH_SECRET and E2E_BASE_URL come from e2e/global-setup.ts");
  const value = await encode({ token: { sub: record.user.id, sid: session.secret }, secret, salt: SESSION_COOKIE, maxAge: 12 * 3600 });
  await page.context().addCookies([{ name: SESSION_COOKIE, value, url: baseUrl, httpOnly: true, sameSite: "Lax" }]);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
}

/** Signs in as a person does, through the sign-in form (for the specs about signing in). */
export async function signInThroughForm(page: Page, user: { email: string }, password = PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
}
