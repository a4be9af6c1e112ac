import { describe, expect, it } from "vitest";
import { securityHeadersFor } from "./security-headers";

describe("securityHeadersFor", () => {
  it("sends two years of HSTS with subdomains over HTTPS, no preload unless asked", () => {
    expect(securityHeadersFor({ https: true })).toEqual({ "Strict-Transport-Security": "max-age=63072000; includeSubDomains" });
    expect(securityHeadersFor({ https: true, preload: true })).toEqual({ "Strict-Transport-Security": "max-age=63072000; includeSubDomains; preload" });
  });

  it("sends no HSTS over plain HTTP", () => {
    expect(securityHeadersFor({ https: false })).toEqual({});
    expect(securityHeadersFor({ https: false, preload: true })).toEqual({});
  });
});
