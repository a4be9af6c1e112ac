import { describe, expect, it } from "vitest";
import { documentKey, profileImageKey, safeFileName, tempUploadKey } from "./keys";

describe("object keys", () => {
  it("follow the spec's layout", () => {
    expect(tempUploadKey("u1", "f1")).toBe("users/u1/uploads/temp/f1.tmp");
    expect(profileImageKey("u1", "p1", "avatar", "image/jpeg")).toBe("users/u1/profiles/p1/avatar.jpg");
    expect(profileImageKey("u1", "p1", "background", "image/png")).toBe("users/u1/profiles/p1/background.png");
    expect(documentKey("u1", "f1", "Q3 Report.pdf", new Date("2026-03-09T00:00:00Z"))).toBe("users/u1/uploads/2026/03/f1-q3-report.pdf");
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
