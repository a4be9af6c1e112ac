import { describe, expect, it } from "vitest";
import { MIME, uploadProblem } from "./policies";
import { bytesMatchType } from "./sniff";

const bytes = (...parts: Array<string | number[]>) => new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe("upload policies", () => {
  it("accepts allowed types within the limit", () => {
    expect(uploadProblem("avatar", { name: "me.png", type: MIME.png, size: 1000 })).toBeNull();
    expect(uploadProblem("document", { name: "report.pdf", type: MIME.pdf, size: 25 * 1024 * 1024 })).toBeNull();
  });

  it("refuses oversized files, executables, SVG, HTML and mismatched extensions with the reason", () => {
    expect(uploadProblem("document", { name: "big.pdf", type: MIME.pdf, size: 30 * 1024 * 1024 })).toMatch(/at most 25\.0 MB/);
    expect(uploadProblem("document", { name: "setup.exe", type: "application/x-msdownload", size: 10 })).toMatch(/\.exe files cannot/);
    expect(uploadProblem("avatar", { name: "logo.svg", type: "image/svg+xml", size: 10 })).toMatch(/\.svg files cannot/);
    expect(uploadProblem("document", { name: "page.html", type: "text/html", size: 10 })).toMatch(/\.html/);
    expect(uploadProblem("avatar", { name: "doc.pdf", type: MIME.pdf, size: 10 })).toMatch(/JPG, PNG or WEBP/);
    expect(uploadProblem("document", { name: "notes.pdf", type: MIME.png, size: 10 })).toMatch(/extension does not match/);
    expect(uploadProblem("avatar", { name: "x.png", type: MIME.png, size: 0 })).toMatch(/empty/);
  });
});

describe("bytesMatchType", () => {
  it("recognises real signatures", () => {
    expect(bytesMatchType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "rest"), MIME.png)).toBe(true);
    expect(bytesMatchType(bytes([0xff, 0xd8, 0xff, 0xe0]), MIME.jpeg)).toBe(true);
    expect(bytesMatchType(bytes("RIFF", [1, 2, 3, 4], "WEBPVP8 "), MIME.webp)).toBe(true);
    expect(bytesMatchType(bytes("%PDF-1.7\n"), MIME.pdf)).toBe(true);
    expect(bytesMatchType(bytes("name,email\nAda,ada@example.com\n"), MIME.csv)).toBe(true);
  });

  it("refuses HTML named .png, markup as text, executables and binary as text", () => {
    expect(bytesMatchType(bytes("<!DOCTYPE html><script>alert(1)</script>"), MIME.png)).toBe(false);
    expect(bytesMatchType(bytes("  <html><body>hi</body></html>"), MIME.text)).toBe(false);
    expect(bytesMatchType(bytes("<svg onload=alert(1)>"), MIME.text)).toBe(false);
    expect(bytesMatchType(bytes("MZ", [0x90, 0]), MIME.pdf)).toBe(false);
    expect(bytesMatchType(bytes("abc", [0], "def"), MIME.text)).toBe(false);
  });
});
