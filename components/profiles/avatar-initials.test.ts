import { describe, expect, it } from "vitest";
import { avatarColour, AVATAR_COLOURS, initials } from "./avatar-initials";

describe("fallback avatar", () => {
  it("takes the first letters of the first and last words", () => {
    expect(initials("Ada King Lovelace")).toBe("AL");
    expect(initials("  grace   hopper ")).toBe("GH");
    expect(initials("Plato")).toBe("P");
    expect(initials("élodie ñúñez")).toBe("ÉÑ");
    expect(initials("😀 Smile")).toBe("😀S");
    expect(initials("   ")).toBe("?");
  });

  it("gives a name the same colour every time", () => {
    expect(avatarColour("Ada Lovelace")).toBe(avatarColour("Ada Lovelace"));
    expect(AVATAR_COLOURS).toContain(avatarColour(""));
    const spread = new Set(["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken"].map(avatarColour));
    expect(spread.size).toBeGreaterThan(3);
  });
});
