import { describe, expect, it } from "vitest";
import { secondFactorSchema, totpCodeSchema } from "./mfa";

describe("second factor input", () => {
  it("takes exactly six digits, spaces between groups allowed", () => {
    expect(totpCodeSchema.parse("123 456")).toBe("123456");
    for (const bad of ["12345", "1234567", "12345a", "١٢٣٤٥٦", "", "123-456"]) expect(totpCodeSchema.safeParse(bad).success, bad).toBe(false);
  });

  it("knows only the two methods", () => {
    expect(secondFactorSchema.safeParse({ method: "totp", code: "123456" }).success).toBe(true);
    expect(secondFactorSchema.safeParse({ method: "sms", code: "123456" }).success).toBe(false);
    expect(secondFactorSchema.safeParse({ method: "recovery_code", code: "123456" }).success).toBe(false);
  });
});
