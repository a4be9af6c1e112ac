import { describe, expect, it } from "vitest";
import { normaliseIpAddress } from "./ip-address";

describe("normaliseIpAddress", () => {
  it("shows an IPv4 client seen through an IPv6 socket as IPv4, in either notation", () => {
    expect(normaliseIpAddress("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(normaliseIpAddress("::FFFF:203.0.113.9")).toBe("203.0.113.9");
    expect(normaliseIpAddress("0:0:0:0:0:ffff:c000:0201")).toBe("192.0.2.1");
    expect(normaliseIpAddress("::ffff:c000:201")).toBe("192.0.2.1");
  });

  it("keeps IPv4 as it is", () => {
    expect(normaliseIpAddress("192.0.2.1")).toBe("192.0.2.1");
    expect(normaliseIpAddress(" 10.0.0.255 ")).toBe("10.0.0.255");
  });

  it("writes IPv6 the RFC 5952 way", () => {
    // Lower case, leading zeros dropped.
    expect(normaliseIpAddress("2001:0DB8:0000:0000:0000:0000:0000:0001")).toBe("2001:db8::1");
    // The longest run of zeros is the one compressed.
    expect(normaliseIpAddress("2001:db8:0:0:1:0:0:0")).toBe("2001:db8:0:0:1::");
    // On a tie, the first run.
    expect(normaliseIpAddress("2001:db8:0:0:1:0:0:1")).toBe("2001:db8::1:0:0:1");
    // A single zero group is not shortened.
    expect(normaliseIpAddress("2001:db8:0:1:1:1:1:1")).toBe("2001:db8:0:1:1:1:1:1");
    // Already compressed, but not where it should be.
    expect(normaliseIpAddress("2001:db8::0:1:0:0:0")).toBe("2001:db8:0:0:1::");
    expect(normaliseIpAddress("0:0:0:0:0:0:0:1")).toBe("::1");
    expect(normaliseIpAddress("::")).toBe("::");
    expect(normaliseIpAddress("fe80::0001%eth0")).toBe("fe80::1%eth0");
    // Other embedded IPv4 forms become hex groups.
    expect(normaliseIpAddress("64:ff9b::192.0.2.33")).toBe("64:ff9b::c000:221");
  });

  it("returns anything that is not an address as it came", () => {
    for (const raw of ["unknown", "", "1.2.3", "256.1.1.1", "01.2.3.4", "1.2.3.4:443", "2001:db8:::1", "1:2:3:4:5:6:7:8:9", "::ffff:999.1.1.1", "gggg::1", "<script>alert(1)</script>", "1::2::3"]) {
      expect(normaliseIpAddress(raw), raw).toBe(raw);
    }
  });
});
