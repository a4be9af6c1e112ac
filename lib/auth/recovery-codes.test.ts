import { afterEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { recoveryCodeSchema } from "@/lib/validation/mfa";
import { findRecoveryCode, newRecoveryCodes, normalizeRecoveryCode, RECOVERY_CODE_COUNT, recoveryCodeHashes, storedRecoveryCodeHash } from "./recovery-codes";

const saved = { ...process.env, AUTH_SECRET: "unit-test-secret-0123456789abcdef0123" };
process.env = { ...saved };
afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
});

describe("recovery codes", () => {
  it("makes ten distinct codes in the abcde-12345 form the schema accepts", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) {
      expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
      expect(recoveryCodeSchema.parse(code)).toBe(normalizeRecoveryCode(code));
    }
  });

  it("hashes however the code is typed, and finds it among the stored hashes", () => {
    const [code, other] = newRecoveryCodes() as [string, string];
    const stored = new Set([storedRecoveryCodeHash(code)]);
    expect(findRecoveryCode(code.toUpperCase().replace("-", " "), stored)).toBe(storedRecoveryCodeHash(code));
    expect(findRecoveryCode(other, stored)).toBeNull();
    expect(storedRecoveryCodeHash(code)).not.toContain(normalizeRecoveryCode(code));
  });

  it("keeps codes hashed under a previous MFA key usable after rotation", () => {
    const oldKey = Buffer.alloc(32, 1).toString("base64");
    process.env.MFA_ENCRYPTION_KEY = oldKey;
    resetEnvForTests();
    const [code] = newRecoveryCodes() as [string];
    const stored = new Set([storedRecoveryCodeHash(code)]);
    process.env.MFA_ENCRYPTION_KEY = Buffer.alloc(32, 2).toString("base64");
    process.env.MFA_PREVIOUS_ENCRYPTION_KEYS = oldKey;
    resetEnvForTests();
    expect(recoveryCodeHashes(code)).toHaveLength(2);
    expect(findRecoveryCode(code, stored)).not.toBeNull();
  });

  it("refuses inputs that are not recovery codes", () => {
    for (const bad of ["", "abcde", "abcde-1234", "abcde-123456", "ilouo-12345", "abcde_12345", "x".repeat(40)]) {
      expect(recoveryCodeSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});
