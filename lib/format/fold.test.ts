import { describe, expect, it } from "vitest";
import { fold, nameMatches, uniqueTags } from "./fold";

describe("fold", () => {
  it("ignores case and accents", () => {
    expect(fold("Zoë ÅNGSTRÖM")).toBe("zoe angstrom");
    expect(fold("ﬁle")).toBe("file");
  });

  it("dedupes tags case-insensitively, keeping the first spelling", () => {
    expect(uniqueTags(["CV", "tax", "cv", "Tax", "Café", "cafe"])).toEqual(["CV", "tax", "Café"]);
  });

  it("matches every word of a search inside the name", () => {
    expect(nameMatches("Rapport annuel Été 2025.pdf", "ete")).toBe(true);
    expect(nameMatches("Rapport annuel Été 2025.pdf", "RAPP 2025")).toBe(true);
    expect(nameMatches("Rapport annuel Été 2025.pdf", "rapport hiver")).toBe(false);
    expect(nameMatches("anything", "   ")).toBe(true);
  });
});
