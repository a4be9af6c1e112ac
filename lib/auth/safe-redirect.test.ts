import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./safe-redirect";

const ORIGIN = "https://app.example.com";

// Open-redirect payloads from OWASP's Unvalidated Redirects and Forwards cheat sheet and
// PortSwigger's URL validation bypass cheat sheet, written for a target of evil.com.
const PAYLOADS = [
  "//evil.com",
  "///evil.com",
  "////evil.com",
  "//evil.com/%2F..",
  "/\\evil.com",
  "\\\\evil.com",
  "\\/evil.com",
  "/\\/evil.com",
  "\\/\\/evil.com",
  "/\t/evil.com",
  "/\n/evil.com",
  "/\r/evil.com",
  "\t//evil.com",
  " //evil.com",
  "//evil.com ",
  "/%09/evil.com",
  "/%0a/evil.com",
  "/%0d/evil.com",
  "/%2F/evil.com",
  "/%2F%2Fevil.com",
  "%2F%2Fevil.com",
  "/%5Cevil.com",
  "/%5C%5Cevil.com",
  "%5C%5Cevil.com",
  "/%252F%252Fevil.com",
  "/.//evil.com",
  "/./\\evil.com",
  "/..//evil.com",
  "/a/..//evil.com",
  "/%2e%2e//evil.com",
  "/%2e//evil.com",
  "https://evil.com",
  "http://evil.com",
  "HTTPS://evil.com",
  "https:evil.com",
  "http:evil.com",
  "https:/evil.com",
  "https:\\\\evil.com",
  "ftp://evil.com",
  "//evil.com@app.example.com",
  "https://evil.com@app.example.com",
  "https://app.example.com@evil.com",
  "https://app.example.com.evil.com",
  "https://app.example.com:443@evil.com",
  "https://user:pass@app.example.com/",
  "//evil%E3%80%82com",
  "/／evil.com",
  "／／evil.com",
  "/\u2215\u2215evil.com",
  "/\uff0f\uff0fevil.com",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "javascript://%0aalert(1)",
  "java\tscript:alert(1)",
  "/javascript:alert(1)//",
  "data:text/html,<script>alert(1)</script>",
  "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
  "vbscript:msgbox(1)",
  "%00//evil.com",
  "/%00//evil.com",
  "/\u0000/evil.com",
  "/ /evil.com",
  "//%2Fevil.com",
  "/%5c%5cevil.com",
  "http://0xa9fea9fe/",
  "//2130706433",
  "/sign-in",
  "/sign-in?callbackUrl=/admin",
  "/sign-in/",
  `/${"a".repeat(2100)}`,
  "",
  "evil.com",
  "?next=//evil.com",
  "#//evil.com",
] as const;

/** Whatever goes in, what comes out is a rooted path that keeps a browser on the origin. */
function expectStaysHome(result: string) {
  expect(result.startsWith("/")).toBe(true);
  expect(result.startsWith("//")).toBe(false);
  expect(result.startsWith("/\\")).toBe(false);
  expect(new URL(result, ORIGIN).origin).toBe(ORIGIN);
  // As a Location header, resolved the way a browser resolves it against any other base too.
  expect(new URL(result, "http://other.test").origin).toBe("http://other.test");
}

describe("safeReturnPath", () => {
  it.each(PAYLOADS.map((p) => [JSON.stringify(p).slice(0, 80), p]))("does not leave the origin for %s", (_label, payload) => {
    const result = safeReturnPath(payload, ORIGIN);
    expectStaysHome(result);
  });

  it("turns every known payload into the home page", () => {
    // A payload that "survives" as some other same-origin path would hint at a parsing gap.
    const survivors = PAYLOADS.filter((p) => safeReturnPath(p, ORIGIN) !== "/");
    expect(survivors).toEqual(["/javascript:alert(1)//"]);
    // ...which is a harmless same-origin path, taken literally.
    expect(safeReturnPath("/javascript:alert(1)//", ORIGIN)).toBe("/javascript:alert(1)//");
  });

  it.each([
    "/admin/users?role=manager",
    "/profiles/abc#x",
    "/files?q=a%20b",
    "/admin/users/0d4c2f1e-6a0b-4a57-9d3b-1e2f3a4b5c6d/profiles?tab=work&sort=name",
    "/",
    "/activity?cursor=eyJrIjoxfQ%3D%3D",
  ])("keeps the deep link %s exactly", (path) => {
    expect(safeReturnPath(path, ORIGIN)).toBe(path);
  });

  it("reduces a same-origin absolute URL to its path", () => {
    expect(safeReturnPath("https://app.example.com/admin/users?role=user", ORIGIN)).toBe("/admin/users?role=user");
    expect(safeReturnPath("https://APP.example.com:443/files", ORIGIN)).toBe("/files");
    expect(safeReturnPath("http://app.example.com/files", ORIGIN)).toBe("/");
  });

  it("returns the parser's normalised path, not the input text", () => {
    expect(safeReturnPath("/admin/./users/../users?role=manager", ORIGIN)).toBe("/admin/users?role=manager");
    expect(safeReturnPath("/files?q=\"x\"", ORIGIN)).toBe("/files?q=%22x%22");
  });

  it("goes home for values that are not strings, malformed escapes or an unusable origin", () => {
    for (const value of [undefined, null, 42, ["/admin"], { toString: () => "/admin" }]) expect(safeReturnPath(value, ORIGIN)).toBe("/");
    expect(safeReturnPath("/%E0%A4%A", ORIGIN)).toBe("/");
    expect(safeReturnPath("/admin", "not an origin")).toBe("/");
  });

  it("accepts up to 2048 characters and no more", () => {
    const atLimit = `/${"a".repeat(2047)}`;
    expect(safeReturnPath(atLimit, ORIGIN)).toBe(atLimit);
    expect(safeReturnPath(`${atLimit}a`, ORIGIN)).toBe("/");
  });
});
