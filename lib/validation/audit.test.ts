import { describe, expect, it } from "vitest";
import { parseTimelineSearch, RANGE_INVERTED, readTimelineSchema, verifyAuditSchema } from "./audit";
import { verifyRangeProblems } from "./audit-range";

const ID = "6f1c3c9e-4a7b-4c1e-9d5f-2b8a7e6d1c00";

describe("timeline filters from the URL", () => {
  it("reads ids, actions and an inclusive day range", () => {
    expect(parseTimelineSearch({ actor: ID, action: ["profile.updated", "profile.updated", "user.created"], from: "2026-01-01", to: "2026-01-31" })).toEqual({
      filter: { actorId: ID, actions: ["profile.updated", "user.created"], from: "2026-01-01T00:00:00.000Z", to: "2026-01-31T23:59:59.999Z" },
      problems: {},
    });
  });

  it("drops what cannot be real (tampered ids, unknown actions, repeated params) without a message", () => {
    expect(parseTimelineSearch({ actor: "../x", target: [ID, "y"], action: ["__proto__", "constructor"] })).toEqual({ filter: { targetUserId: ID }, problems: {} });
  });

  it("puts a wrong date or an inverted range on its field and leaves the dates out", () => {
    expect(parseTimelineSearch({ from: "2026-02-31" })).toEqual({ filter: {}, problems: { from: "Not a real date." } });
    expect(parseTimelineSearch({ to: "31/01/2026" })).toEqual({ filter: {}, problems: { to: "Use a date like 2026-01-31." } });
    expect(parseTimelineSearch({ actor: ID, from: "2026-02-02", to: "2026-02-01" })).toEqual({ filter: { actorId: ID }, problems: { to: RANGE_INVERTED } });
    // One day is a range of its own.
    expect(parseTimelineSearch({ from: "2026-02-01", to: "2026-02-01" }).problems).toEqual({});
  });

  it("the actions' schemas refuse an inverted range on the `to` field", () => {
    const read = readTimelineSchema.safeParse({ subject: { kind: "all" }, filter: { from: "2026-02-02T00:00:00.000Z", to: "2026-02-01T00:00:00.000Z" } });
    expect(read.success).toBe(false);
    expect(read.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["filter.to", RANGE_INVERTED]]);
    expect(verifyAuditSchema.safeParse({ from: "2026-02-30", to: "2026-03-01" }).success).toBe(false);
  });
});

describe("the verify range's browser-side check", () => {
  it("agrees with the action's schema, message for message", () => {
    const cases = [
      { from: "2026-02-01", to: "2026-02-03" },
      { from: "2026-02-30", to: "2026-03-01" },
      { from: "2026-03-02", to: "2026-03-01" },
      { from: "2025-01-01", to: "2026-03-01" },
    ];
    for (const range of cases) {
      const parsed = verifyAuditSchema.safeParse(range);
      const fromSchema = Object.fromEntries((parsed.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
      expect(verifyRangeProblems(range), JSON.stringify(range)).toEqual(fromSchema);
    }
    expect(verifyRangeProblems({ from: "yesterday", to: "2026-03-01" })).toEqual({ from: "Use a date like 2026-01-31." });
  });
});
