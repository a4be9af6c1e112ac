import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "./catalogue";
import { auditSentence, type Names } from "./sentences";

const names: Names = {
  user: (id) => ({ jane: "Jane Smith", john: "John Doe" })[id] ?? null,
  profile: (id) => (id === "p1" ? "Work Profile" : null),
};

describe("auditSentence", () => {
  it("reads like the issue's example", () => {
    expect(auditSentence({ action: "profile.updated", userId: "jane", targetUserId: "john", details: { profileId: "p1" } }, names)).toBe("Jane Smith changed John Doe's Work Profile");
  });

  it("speaks of oneself as 'their' and names what is gone as gone", () => {
    expect(auditSentence({ action: "profile.updated", userId: "john", targetUserId: "john", details: { profileId: "p1" } }, names)).toBe("John Doe changed their Work Profile");
    expect(auditSentence({ action: "profile.updated", userId: "ghost", targetUserId: "john", details: { profileId: "p9" } }, names)).toBe("A deleted user changed John Doe's deleted profile");
    expect(auditSentence({ action: "user.created", userId: "system", targetUserId: "jane", details: { role: "admin" } }, names)).toBe("The system created Jane Smith's account as admin");
  });

  it("keeps hostile values as plain text", () => {
    const sentence = auditSentence({ action: "auth.sign_in_failed", userId: "anonymous", details: { email: "<img src=x onerror=alert(1)>" } }, names);
    expect(sentence).toBe("Failed sign-in as <img src=x onerror=alert(1)>");
  });

  it("has a template for every catalogued action that fills every placeholder", () => {
    for (const action of AUDIT_ACTIONS) {
      const sentence = auditSentence({ action, userId: "jane", targetUserId: "john", details: { profileId: "p1", role: "user", from: "a", to: "b", name: "n", email: "e", reason: "r" } }, names);
      expect(sentence, action).not.toMatch(/[{}]/);
    }
  });
});
