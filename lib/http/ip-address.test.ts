import { describe, expect, it } from "vitest";
import { addressWithoutPort, normaliseIp } from "./ip-address";

describe("normaliseIp", () => {
  it.each([
    ["127.0.0.1", "127.0.0.1"],
    [" 203.0.113.9 ", "203.0.113.9"],
    ["203.0.113.9:8443", "203.0.113.9"],
    ["::ffff:127.0.0.1", "127.0.0.1"],
    ["::FFFF:203.0.113.9", "203.0.113.9"],
    ["::ffff:cb00:7109", "203.0.113.9"],
    ["[::ffff:127.0.0.1]:443", "127.0.0.1"],
    ["2001:DB8::1", "2001:db8::1"],
    ["2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["[2001:db8::1]:51234", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    ["::1", "::1"],
  ])("%s is %s", (input, expected) => {
    expect(normaliseIp(input)).toBe(expected);
  });

  it.each([
    "",
    "   ",
    "unknown",
    "localhost",
    "evil.example",
    "203.0.113",
    "203.0.113.9.1",
    "256.1.1.1",
    "01.2.3.4",
    "203.0.113.9:",
    "203.0.113.9:99999999",
    "203.0.113.9, 198.51.100.1",
    "203.0.113.9 198.51.100.1",
    "[203.0.113.9",
    "2001:db8::1::2",
    "2001:db8::g",
    "<script>",
    "1".repeat(100),
    "::ffff:127.0.0.1\u0000",
  ])("rejects %j", (input) => {
    expect(normaliseIp(input)).toBeUndefined();
  });

  it("rejects what is not a string", () => {
    expect(normaliseIp(undefined)).toBeUndefined();
    expect(normaliseIp(null)).toBeUndefined();
  });
});

describe("addressWithoutPort (CloudFront-Viewer-Address)", () => {
  it.each([
    ["198.51.100.10:46532", "198.51.100.10"],
    ["2001:db8:85a3::8a2e:370:7334:46532", "2001:db8:85a3::8a2e:370:7334"],
    ["[2001:db8::1]:46532", "2001:db8::1"],
    ["::ffff:198.51.100.10:443", "198.51.100.10"],
  ])("%s is %s", (input, expected) => {
    expect(addressWithoutPort(input)).toBe(expected);
  });

  it.each(["198.51.100.10", "198.51.100.10:", "198.51.100.10:port", "evil:443", ":443", "", "198.51.100.10:443, 203.0.113.9:1"])("rejects %j", (input) => {
    expect(addressWithoutPort(input)).toBeUndefined();
  });
});
