import { describe, expect, it } from "vitest";
import { filenameFromDisposition } from "./download";

describe("filenameFromDisposition", () => {
  it("reads the quoted filename", () => {
    expect(filenameFromDisposition('attachment; filename="audit-2026-05-12.csv"', "audit.csv")).toBe("audit-2026-05-12.csv");
  });

  it("falls back without a header or a quoted name", () => {
    expect(filenameFromDisposition(null, "audit.jsonl")).toBe("audit.jsonl");
    expect(filenameFromDisposition("attachment", "users.csv")).toBe("users.csv");
    expect(filenameFromDisposition('attachment; filename=""', "users.csv")).toBe("users.csv");
  });
});
