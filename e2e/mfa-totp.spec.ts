// Two-factor authentication end to end: enrolling from the account page with codes computed
// here from the key the page shows (as an authenticator app would), then signing in with a
// code, refusals of a wrong and a replayed code, a recovery code that works once, and axe on
// the setup section and the sign-in's code step, light and dark.
import type { Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { confirmEnrolment, startEnrolment } from "@/lib/auth/mfa";
import { listAuditByTarget } from "@/lib/db/audit";
import { seriousViolations } from "./fixtures/accessibility";
import { makeUser, PASSWORD, signInThroughForm, signOutFromMenu } from "./fixtures/users";
import { expect, test } from "./fixtures";

const CODE_LABEL = "Enter the 6-digit code from your authenticator app";
const WRONG = "That code is not right, or it was already used.";

/** The code an authenticator app shows `offset` 30-second steps from now. */
function codeFor(key: string, offset = 0): string {
  return new TOTP({ secret: Secret.fromBase32(key), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp: Date.now() + offset * 30_000 });
}

async function scanBothSchemes(page: Page, what: string) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(page), `${what}, ${scheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

async function passwordStep(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel(CODE_LABEL)).toBeVisible();
}

async function submitCode(page: Page, code: string) {
  await page.getByRole("textbox").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

async function signOut(page: Page) {
  await signOutFromMenu(page);
  await expect(page).toHaveURL(/\/sign-in/);
}

const welcome = (page: Page) => expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();

test("enrol with the shown key, then sign-in needs the code; wrong and replayed codes are refused; a recovery code works once", async ({ page, login }) => {
  test.slow();
  const user = await login("user");

  // Enrol from the account page.
  await page.goto("/account/security");
  const section = page.getByRole("region", { name: "Two-factor authentication" });
  await expect(section.getByText("Off", { exact: true })).toBeVisible();
  await section.getByRole("button", { name: "Set up two-factor authentication" }).click();
  await expect(section.getByRole("img", { name: "QR code to add Pre-Work to your authenticator app" })).toBeVisible();
  await scanBothSchemes(page, "account page, setting up");
  const keyLabel = await section.getByLabel(/^Setup key:/).getAttribute("aria-label");
  const key = keyLabel!.replace("Setup key:", "").replace(/\s+/g, "");
  expect(key).toMatch(/^[A-Z2-7]{32}$/);

  const codeField = section.getByLabel("Enter the 6-digit code the app shows");
  await expect(codeField).toHaveAttribute("autocomplete", "one-time-code");
  await expect(codeField).toHaveAttribute("inputmode", "numeric");
  await codeField.fill("000000");
  await section.getByRole("button", { name: "Turn on" }).click();
  await expect(codeField).toHaveAttribute("aria-invalid", "true");
  await expect(codeField).toHaveValue("000000");

  const enrolmentCode = codeFor(key);
  await codeField.fill(enrolmentCode);
  await section.getByRole("button", { name: "Turn on" }).click();
  const shown = section.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(shown).toHaveCount(10);
  const codes = await shown.allInnerTexts();
  await scanBothSchemes(page, "account page, recovery codes");
  await section.getByRole("button", { name: "I have saved my codes" }).click();
  await expect(section.getByText("On", { exact: true })).toBeVisible();
  await expect(section.getByText("10 of 10 recovery codes left.", { exact: false })).toBeVisible();
  await scanBothSchemes(page, "account page, enrolled");
  await signOut(page);

  // The password alone gives no session.
  await passwordStep(page, user.email);
  await scanBothSchemes(page, "sign-in code step");
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);

  // A wrong code, then the code that confirmed the enrolment (already used), are refused on the field.
  await passwordStep(page, user.email);
  await submitCode(page, enrolmentCode === "123456" ? "654321" : "123456");
  await expect(page.getByText(WRONG)).toBeVisible();
  await expect(page.getByLabel(CODE_LABEL)).toHaveAttribute("aria-invalid", "true");
  await submitCode(page, enrolmentCode);
  await expect(page.getByText(WRONG)).toBeVisible();

  // The next step's code signs in (one step of clock drift is allowed), once.
  const nextCode = codeFor(key, 1);
  await submitCode(page, nextCode);
  await welcome(page);
  await signOut(page);
  await passwordStep(page, user.email);
  await submitCode(page, nextCode);
  await expect(page.getByText(WRONG)).toBeVisible();

  // A recovery code instead: it works once.
  await page.getByRole("button", { name: "Use a recovery code instead" }).click();
  const recoveryField = page.getByLabel("Recovery code");
  await expect(recoveryField).toHaveAttribute("autocomplete", "one-time-code");
  await recoveryField.fill(codes[0]!);
  await page.getByRole("button", { name: "Verify" }).click();
  await welcome(page);
  await signOut(page);
  await passwordStep(page, user.email);
  await page.getByRole("button", { name: "Use a recovery code instead" }).click();
  await page.getByLabel("Recovery code").fill(codes[0]!);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText(WRONG)).toBeVisible();
  await expect(page.getByLabel("Recovery code")).toHaveValue(codes[0]!);

  const actions = (await listAuditByTarget(user.id, { limit: 100 })).items.map((e) => e.action);
  expect(actions.filter((a) => a === "mfa.enrolled")).toHaveLength(1);
  expect(actions.filter((a) => a === "mfa.recovery_code_used")).toHaveLength(1);
});

test("turning it off needs a code, asked for in a dialog that keeps what was typed; then the password alone signs in", async ({ page, login }) => {
  const user = await login("user");
  await page.goto("/account/security");
  const section = page.getByRole("region", { name: "Two-factor authentication" });
  await section.getByRole("button", { name: "Set up two-factor authentication" }).click();
  const key = (await section.getByLabel(/^Setup key:/).getAttribute("aria-label"))!.replace("Setup key:", "").replace(/\s+/g, "");
  await section.getByLabel("Enter the 6-digit code the app shows").fill(codeFor(key));
  await section.getByRole("button", { name: "Turn on" }).click();
  await section.getByRole("button", { name: "I have saved my codes" }).click();

  await section.getByRole("button", { name: "Turn off two-factor authentication" }).click();
  const dialog = page.getByRole("dialog", { name: "Turn off two-factor authentication?" });
  await dialog.getByLabel("Code from your authenticator app").fill("111111");
  await dialog.getByRole("button", { name: "Turn off" }).click();
  await expect(dialog.getByText(WRONG)).toBeVisible();
  await expect(dialog.getByLabel("Code from your authenticator app")).toHaveValue("111111");
  await scanBothSchemes(page, "turn-off dialog");
  await dialog.getByLabel("Code from your authenticator app").fill(codeFor(key, 1));
  await dialog.getByRole("button", { name: "Turn off" }).click();
  await expect(section.getByText("Off", { exact: true })).toBeVisible();

  // Off again: the password alone signs in.
  await signOut(page);
  await signInThroughForm(page, user);
});

test("an admin resets someone's second factor from their page; the reset is audited", async ({ page, login }) => {
  const target = await makeUser("user", { name: "Lost Phone" });
  const pending = await startEnrolment(target);
  const key = pending.secretGroups.join("");
  await confirmEnrolment(target, pending.enrolment, codeFor(key), { userAgent: "playwright" }, { actorId: target.id });
  const admin = await login("admin");

  await page.goto(`/admin/users/${target.id}`);
  const section = page.getByRole("region", { name: "Two-factor authentication" });
  await expect(section.getByText("On", { exact: true })).toBeVisible();
  await section.getByRole("button", { name: "Reset second factor" }).click();
  await page.getByRole("dialog", { name: "Reset Lost Phone's second factor?" }).getByRole("button", { name: "Reset" }).click();
  await expect(section.getByText("Off", { exact: true })).toBeVisible();
  const entries = (await listAuditByTarget(target.id, { limit: 100 })).items.filter((e) => e.action === "mfa.reset_by_admin");
  expect(entries).toMatchObject([{ userId: admin.id }]);
});
