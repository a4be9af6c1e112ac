import { describe, expect, it } from "vitest";
import { codeAt, isFreshStep, matchingStep, newTotpSecret, secretGroups, totpStep, totpUri } from "./totp";

const secret = newTotpSecret();
const at = (seconds: number) => new Date(seconds * 1000);

describe("TOTP", () => {
  it("makes 160-bit base32 secrets and an otpauth address naming the issuer and account", () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(totpUri(secret, "ada@example.com"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("Pre-Work");
    expect(decodeURIComponent(uri.pathname)).toContain("ada@example.com");
    expect(secretGroups("ABCDEFGHIJ")).toEqual(["ABCD", "EFGH", "IJ"]);
  });

  it("matches a code to its step, one step either side, and nothing further", () => {
    const now = at(1_800_000_015);
    const step = totpStep(now);
    expect(matchingStep(secret, codeAt(secret, now), now)).toBe(step);
    expect(matchingStep(secret, codeAt(secret, at(1_800_000_015 - 30)), now)).toBe(step - 1);
    expect(matchingStep(secret, codeAt(secret, at(1_800_000_015 + 30)), now)).toBe(step + 1);
    expect(matchingStep(secret, codeAt(secret, at(1_800_000_015 - 90)), now)).toBeNull();
    expect(matchingStep(newTotpSecret(), codeAt(secret, now), now)).toBeNull();
  });

  it("accepts a step only once, and never one before the last accepted", () => {
    expect(isFreshStep(10, undefined)).toBe(true);
    expect(isFreshStep(11, 10)).toBe(true);
    expect(isFreshStep(10, 10)).toBe(false);
    expect(isFreshStep(9, 10)).toBe(false);
  });
});
