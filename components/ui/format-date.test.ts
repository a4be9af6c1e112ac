import { describe, expect, it } from "vitest";
import { clockTime, dayHeading, dayKey, exactTime, formatUtc, relativeTime } from "./format-date";

const at = "2026-05-12T23:30:05.000Z";

describe("time formats in UTC (server and hydration)", () => {
  it("groups by the UTC day and names it in full", () => {
    expect(dayKey(at, "utc")).toBe("2026-05-12");
    expect(dayHeading(at, "utc", null)).toBe("Tuesday, 12 May 2026");
    expect(exactTime(at, "utc")).toBe("12 May 2026, 23:30:05 UTC");
    expect(clockTime(at, "utc")).toBe("23:30");
  });

  it("says Today and Yesterday once the clock is known", () => {
    const now = Date.parse("2026-05-13T08:00:00.000Z");
    expect(dayHeading("2026-05-13T01:00:00.000Z", "utc", now)).toBe("Today");
    expect(dayHeading(at, "utc", now)).toBe("Yesterday");
    expect(dayHeading("2026-05-11T10:00:00.000Z", "utc", now)).toBe("Monday, 11 May 2026");
  });
});

describe("relativeTime", () => {
  const now = Date.parse(at);
  const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

  it("reads as people say it", () => {
    expect(relativeTime(ago(10), now)).toBe("just now");
    expect(relativeTime(ago(3 * 60), now)).toBe("3 minutes ago");
    expect(relativeTime(ago(2 * 3600), now)).toBe("2 hours ago");
    expect(relativeTime(ago(26 * 3600), now)).toBe("yesterday");
    expect(relativeTime(ago(3 * 86_400), now)).toBe("3 days ago");
    expect(relativeTime(ago(15 * 86_400), now)).toBe("2 weeks ago");
  });
});

describe("formatUtc", () => {
  it("writes minutes in UTC, or the fallback without a date", () => {
    expect(formatUtc(at)).toBe("2026-05-12 23:30 UTC");
    expect(formatUtc(undefined)).toBe("Never");
    expect(formatUtc(undefined, "Not yet")).toBe("Not yet");
  });
});
