import { describe, expect, it } from "vitest";
import { entriesActivity, MAX_DAYS } from "./entries-activity";

const at = (day: string, group: "users" | "profiles" | "sign-ins" | null = "users") => ({ timestamp: `${day}T12:00:00.000Z`, group });

describe("entriesActivity", () => {
  it("counts the entries per day and group over the filter's range", () => {
    const { days, counted } = entriesActivity([at("2026-12-02"), at("2026-12-02", "profiles"), at("2026-12-05", "sign-ins"), at("2026-11-20")], { from: "2026-12-01T00:00:00.000Z", to: "2026-12-07T23:59:59.999Z", today: "2026-12-20T00:00:00.000Z" });
    expect(days.map((d) => d.day)).toEqual(["2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06", "2026-12-07"]);
    expect(days[1]).toMatchObject({ users: 1, profiles: 1 });
    expect(days[4]).toMatchObject({ "sign-ins": 1 });
    // Outside the range: not charted.
    expect(counted).toBe(3);
  });

  it("without dates, spans the loaded entries up to today, two weeks at least and about three months at most", () => {
    expect(entriesActivity([at("2026-12-19")], { today: "2026-12-20T08:00:00.000Z" }).days).toHaveLength(14);
    const spread = entriesActivity([at("2026-12-19"), at("2026-10-01")], { today: "2026-12-20T08:00:00.000Z" });
    expect(spread.days[0]!.day).toBe("2026-10-01");
    expect(spread.days.at(-1)!.day).toBe("2026-12-20");
    expect(entriesActivity([at("2025-01-01")], { today: "2026-12-20T08:00:00.000Z" }).days).toHaveLength(MAX_DAYS);
    expect(entriesActivity([], { today: "2026-12-20T08:00:00.000Z" }).counted).toBe(0);
  });
});
