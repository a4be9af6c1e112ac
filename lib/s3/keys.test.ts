import { describe, expect, it } from "vitest";
import { documentKey, finalUploadKey, profileImageKey, PUBLIC_SAMPLE_TEMPLATE_KEY, safeFileName, templateDocumentKey, templateThumbnailKey, tempUploadKey } from "./keys";

describe("object keys", () => {
  it("follow the spec's layout", () => {
    expect(tempUploadKey("u1", "f1")).toBe("users/u1/uploads/temp/f1.tmp");
    expect(profileImageKey("u1", "p1", "avatar", "f1", "image/jpeg")).toBe("users/u1/profiles/p1/avatar-f1.jpg");
    expect(profileImageKey("u1", "p1", "background", "f2", "image/png")).toBe("users/u1/profiles/p1/background-f2.png");
    expect(documentKey("u1", "f1", "Q3 Report.pdf", new Date("2026-03-09T00:00:00Z"))).toBe("users/u1/uploads/2026/03/f1-q3-report.pdf");
  });

  it("name a completed upload's object from its pending item alone (a document's month is when it started)", () => {
    const pending = { id: "f1", uploadedBy: "u1", originalName: "Q3 Report.pdf", mimeType: "application/pdf", createdAt: "2026-01-31T23:59:00.000Z" };
    expect(finalUploadKey({ ...pending, purpose: "document" })).toBe("users/u1/uploads/2026/01/f1-q3-report.pdf");
    expect(finalUploadKey({ ...pending, purpose: "avatar", profileId: "p1", mimeType: "image/webp" })).toBe("users/u1/profiles/p1/avatar-f1.webp");
    // Two images of one profile never share an object.
    expect(finalUploadKey({ ...pending, id: "f2", purpose: "avatar", profileId: "p1", mimeType: "image/webp" })).not.toBe(finalUploadKey({ ...pending, purpose: "avatar", profileId: "p1", mimeType: "image/webp" }));
  });

  it("reduce hostile names to safe characters", () => {
    expect(safeFileName("../../etc/passwd")).toBe("passwd");
    expect(safeFileName("C:\\Users\\x\\evil.png")).toBe("evil.png");
    expect(safeFileName("Ünïcödé résumé.PDF")).toBe("unicode-resume.pdf");
    expect(safeFileName("<b>alert(1)<b>.txt")).toBe("b-alert-1-b.txt");
    expect(safeFileName("%2F%2B.png")).toBe("2f-2b.png");
    expect(safeFileName("....")).toBe("file");
    expect(safeFileName("a".repeat(300) + ".txt").length).toBeLessThanOrEqual(84);
  });
});

describe("template keys", () => {
  it("keep templates under templates/shared/, each document under its own id", () => {
    expect(templateDocumentKey("t1", "d1")).toBe("templates/shared/t1/template-d1.json");
    expect(templateDocumentKey("t1", "d2")).not.toBe(templateDocumentKey("t1", "d1"));
    expect(templateThumbnailKey("t1", "i1")).toBe("templates/shared/t1/thumbnail-i1.jpg");
    expect(PUBLIC_SAMPLE_TEMPLATE_KEY).toBe("templates/shared/public/sample-template.json");
  });
});
