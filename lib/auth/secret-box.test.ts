import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { open, seal } from "./secret-box";

const saved = { ...process.env };
const key = () => randomBytes(32).toString("base64");
function withKeys(current?: string, previous: string[] = []) {
  process.env = { ...saved, AUTH_SECRET: "unit-test-secret-0123456789abcdef0123", MFA_ENCRYPTION_KEY: current ?? "", MFA_PREVIOUS_ENCRYPTION_KEYS: previous.join(",") };
  resetEnvForTests();
}

afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
});

/** Flips one character of a base64url part of the box. */
function tamper(box: string, part: number): string {
  const parts = box.split(".");
  const chars = [...parts[part]!];
  chars[2] = chars[2] === "A" ? "B" : "A";
  parts[part] = chars.join("");
  return parts.join(".");
}

describe("secret box", () => {
  it("opens what it sealed, with a key from AUTH_SECRET or MFA_ENCRYPTION_KEY", () => {
    withKeys();
    expect(open(seal("JBSWY3DPEHPK3PXP", "totp-secret:u1"), "totp-secret:u1")).toBe("JBSWY3DPEHPK3PXP");
    withKeys(key());
    expect(open(seal("JBSWY3DPEHPK3PXP", "totp-secret:u1"), "totp-secret:u1")).toBe("JBSWY3DPEHPK3PXP");
  });

  it("seals the same text differently each time (a fresh IV)", () => {
    withKeys();
    expect(seal("same", "c")).not.toBe(seal("same", "c"));
  });

  it("refuses a tampered IV, ciphertext or tag, another context, and malformed boxes", () => {
    withKeys();
    const box = seal("JBSWY3DPEHPK3PXP", "totp-secret:u1");
    for (const part of [2, 3, 4]) expect(open(tamper(box, part), "totp-secret:u1"), `part ${part}`).toBeNull();
    expect(open(box, "totp-secret:u2")).toBeNull();
    expect(open("v1.abc", "totp-secret:u1")).toBeNull();
    expect(open(`${box}.extra`, "totp-secret:u1")).toBeNull();
    expect(open(box.replace(/^v1/, "v2"), "totp-secret:u1")).toBeNull();
  });

  it("opens boxes of a previous key after rotation, and not once that key is dropped", () => {
    const old = key();
    withKeys(old);
    const box = seal("secret", "c");
    withKeys(key(), [old]);
    expect(open(box, "c")).toBe("secret");
    withKeys(key());
    expect(open(box, "c")).toBeNull();
  });

  it("derives a key from AUTH_SECRET that differs from a configured one", () => {
    withKeys();
    const derived = seal("secret", "c");
    withKeys(key());
    expect(open(derived, "c")).toBeNull();
  });
});
