import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "./catalogue";
import { auditSentence, type Names, needsProfileLookup } from "./sentences";

const names: Names = {
  user: (id) => ({ jane: "Jane Smith", john: "John Doe", avery: "Avery" })[id] ?? null,
  profile: (id) => (id === "p1" ? "Work Profile" : null),
};

const change = (from: string, to: string) => ({ from, to });

describe("auditSentence", () => {
  it("names the profile, in quotes, as a person would", () => {
    expect(auditSentence({ action: "profile.updated", userId: "jane", targetUserId: "john", details: { profileId: "p1" } }, names)).toBe("Jane Smith changed John Doe's profile “Work Profile”");
    expect(auditSentence({ action: "profile.created", userId: "avery", targetUserId: "avery", details: { profileId: "p2", name: "Work" } }, names)).toBe("Avery created their profile “Work”");
    expect(auditSentence({ action: "profile.default_changed", userId: "jane", targetUserId: "john", details: { profileId: "p1", previousProfileId: null } }, names)).toBe("Jane Smith made John Doe's profile “Work Profile” the default");
  });

  it("says a rename is one, with both names", () => {
    const renamed = { profileId: "p1", changes: { name: change("Work", "Office") }, affectedFields: ["name"] };
    expect(auditSentence({ action: "profile.updated", userId: "avery", targetUserId: "avery", details: renamed }, names)).toBe("Avery renamed their profile “Work” to “Office”");
    const more = { ...renamed, changes: { ...renamed.changes, "customFields.city": change("Oslo", "Bergen") }, affectedFields: ["name", "customFields"] };
    expect(auditSentence({ action: "profile.updated", userId: "jane", targetUserId: "john", details: more }, names)).toBe("Jane Smith renamed John Doe's profile “Work” to “Office” and changed another field");
    const file = { fileId: "f1", changes: { displayName: change("cv.pdf", "resume.pdf") }, affectedFields: ["displayName"] };
    expect(auditSentence({ action: "file.updated", userId: "avery", targetUserId: "avery", details: file }, names)).toBe("Avery renamed their file “cv.pdf” to “resume.pdf”");
  });

  it("names files, and leaves out 'for' when people act on their own", () => {
    const upload = { fileId: "f1", purpose: "document", name: "cv.pdf", mimeType: "application/pdf", size: 1, s3Key: "k" };
    expect(auditSentence({ action: "file.uploaded", userId: "avery", targetUserId: "avery", details: upload }, names)).toBe("Avery uploaded “cv.pdf”");
    expect(auditSentence({ action: "file.uploaded", userId: "jane", targetUserId: "john", details: upload }, names)).toBe("Jane Smith uploaded “cv.pdf” for John Doe");
    expect(auditSentence({ action: "file.deleted", userId: "jane", targetUserId: "john", details: { fileId: "f1", name: "cv.pdf", purpose: "document" } }, names)).toBe("Jane Smith deleted John Doe's file “cv.pdf”");
    const tags = { fileId: "f1", name: "cv.pdf", changes: { tags: { from: [], to: ["hr"] } }, affectedFields: ["tags"] };
    expect(auditSentence({ action: "file.updated", userId: "jane", targetUserId: "john", details: tags }, names)).toBe("Jane Smith changed the details of John Doe's file “cv.pdf”");
  });

  it("keeps the name of what is gone when the entry recorded it", () => {
    // Deleted: the deletion's own entry holds the name.
    expect(auditSentence({ action: "profile.deleted", userId: "jane", targetUserId: "john", details: { profileId: "p9", name: "Old", promotedProfileId: null } }, names)).toBe("Jane Smith deleted John Doe's profile “Old”");
    expect(needsProfileLookup({ action: "profile.deleted", userId: "jane", details: { profileId: "p9", name: "Old" } })).toBe(false);
    // A change of a profile since deleted, when the names read now do not have it.
    const older = { action: "profile.updated", userId: "ghost", targetUserId: "john", details: { profileId: "p9" } };
    expect(needsProfileLookup(older)).toBe(true);
    expect(auditSentence(older, names)).toBe("A deleted user changed John Doe's deleted profile");
  });

  it("speaks of oneself as 'their'", () => {
    expect(auditSentence({ action: "profile.updated", userId: "john", targetUserId: "john", details: { profileId: "p1" } }, names)).toBe("John Doe changed their profile “Work Profile”");
    expect(auditSentence({ action: "user.created", userId: "system", targetUserId: "jane", details: { role: "admin" } }, names)).toBe("The system created Jane Smith's account as admin");
  });

  it("keeps hostile values as plain text, inserted once", () => {
    const sentence = auditSentence({ action: "auth.sign_in_failed", userId: "anonymous", details: { email: "<img src=x onerror=alert(1)>" } }, names);
    expect(sentence).toBe("Failed sign-in as <img src=x onerror=alert(1)>");
    const braces = { fileId: "f1", purpose: "document", name: "{actor}.pdf", mimeType: "application/pdf", size: 1, s3Key: "k" };
    expect(auditSentence({ action: "file.uploaded", userId: "avery", targetUserId: "avery", details: braces }, names)).toBe("Avery uploaded “{actor}.pdf”");
  });

  it("has a template for every catalogued action that fills every placeholder", () => {
    for (const action of AUDIT_ACTIONS) {
      const details = { profileId: "p1", role: "user", from: "a", to: "b", name: "n", email: "e", reason: "r", title: "t", templateTitle: "t", label: "l", provider: "p", count: 2, attempt: "sign-in", subject: "s", remaining: 1 };
      const sentence = auditSentence({ action, userId: "jane", targetUserId: "john", details }, names);
      expect(sentence, action).not.toMatch(/[{}]/);
      expect(sentence, action).not.toMatch(/\bnothing\b/);
    }
  });
});
