import { describe, expect, it } from "vitest";
import { RETURN_PATH_HEADER, returnPathOf, signInPathFor } from "./return-path";

const withPath = (value: string) => new Headers({ [RETURN_PATH_HEADER]: value });

describe("returnPathOf", () => {
  it("keeps path and query, drops Next's _rsc marker", () => {
    expect(returnPathOf(new URL("http://app.test/admin/users?role=manager"))).toBe("/admin/users?role=manager");
    expect(returnPathOf(new URL("http://app.test/admin/users?_rsc=abc&role=manager"))).toBe("/admin/users?role=manager");
    expect(returnPathOf(new URL("http://app.test/profiles?_rsc=1"))).toBe("/profiles");
  });
});

describe("signInPathFor", () => {
  it("sends the requested page along as callbackUrl", () => {
    expect(signInPathFor(withPath("/admin/users?role=manager"))).toBe("/sign-in?callbackUrl=%2Fadmin%2Fusers%3Frole%3Dmanager");
  });

  it("plain /sign-in for the home page, a missing header (prefetches) or a hostile one", () => {
    expect(signInPathFor(withPath("/"))).toBe("/sign-in");
    expect(signInPathFor(new Headers())).toBe("/sign-in");
    for (const forged of ["//evil.example", "https://evil.example/", "/\\evil.example", "/.//evil.example", "/sign-in"]) {
      expect(signInPathFor(withPath(forged))).toBe("/sign-in");
    }
  });
});
