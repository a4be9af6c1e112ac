import { describe, expect, it } from "vitest";
import { judge, markdown, type Report } from "./report";
import { percentile, summarise } from "./stats";

const page = (name: string, rps10: number, calls: number, htmlBytes = 40_000) => ({ page: name, route: `/${name}`, p50: 10, p95: 20, rps10, p95at10: 90, errors: 0, callsPerRequest: calls, htmlBytes, htmlGzipBytes: 8_000 });

function partial(overrides: Partial<Omit<Report, "budgets">> = {}): Omit<Report, "budgets"> {
  return {
    startedAt: "2026-12-04T20:00:00.000Z",
    seconds: 600,
    // Not full scale: no baseline file is read as this run's own or written.
    scale: 0.1,
    seeded: { users: 1000, profilesPerUser: 3, audit: 20_000, files: 500, templateUsers: 1000, sessions: 1000, seedSeconds: 30 },
    machine: { cores: 2, node: "v20" },
    floor: { getItemP50: 1.5, queryP50: 2.5, lightestP50: 5, lightestRoute: "/api/auth/session" },
    pages: [page("users", 100, 3, 70_000), page("audit", 70, 5), page("home", 90, 4)],
    actions: [],
    browser: [{ page: "users", route: "/users", jsKiB: 150, performance: 100, accessibility: 100, lcpMs: 400, tbtMs: 20 }, { page: "audit", route: "/audit", jsKiB: 224, performance: 92, accessibility: 100, lcpMs: 900, tbtMs: 310 }],
    keystrokes: { p50: 20, p95: 60, max: 90, scriptP50: 8, scriptP95: 20, slowEvents: 3, rows: 240, keystrokes: 100 },
    ...overrides,
  };
}

describe("the bench's budgets", () => {
  it("marks each budget met or missed from the figures", async () => {
    const budgets = await judge(partial());
    const verdict = (start: string) => budgets.filter((b) => b.budget.startsWith(start)).map((b) => b.met);
    expect(verdict("audit: ≤ 4 DynamoDB calls")).toEqual([false]);
    expect(verdict("home: ≤ 4 DynamoDB calls")).toEqual([true]);
    // 70 of 100 req/s is under 80%; 90 is over.
    expect(verdict("audit: ≥ 80%")).toEqual([false]);
    expect(verdict("home: ≥ 80%")).toEqual([true]);
    expect(verdict("users list: HTML ≤ 64 KB")).toEqual([false]);
    expect(verdict("audit: JavaScript")).toEqual([false]);
    expect(verdict("users: JavaScript")).toEqual([true]);
    expect(verdict("audit: Total Blocking Time")).toEqual([false]);
    expect(verdict("audit: Lighthouse performance")).toEqual([false]);
    expect(verdict("editor keystroke")).toEqual([false]);
  });

  it("writes a Markdown report that names every missed budget", async () => {
    const report = { ...partial(), budgets: await judge(partial()) };
    const md = markdown(report);
    expect(md).toContain("| users | 10.0 | 20.0 | 7× | 100 |");
    expect(md.match(/\*\*MISSED\*\*/g)?.length).toBe(report.budgets.filter((b) => !b.met).length);
  });
});

describe("percentiles", () => {
  it("uses the nearest rank", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(summarise([3, 1, 2])).toEqual({ p50: 2, p95: 3, max: 3, n: 3 });
    expect(percentile([], 50)).toBeNaN();
  });
});
