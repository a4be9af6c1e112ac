import { describe, expect, it } from "vitest";
import { actionName, filterSummary, rangeText } from "./filter-summary";

describe("filterSummary", () => {
  it("says what is applied, in the order the bar lists it", () => {
    expect(filterSummary({ actions: ["profile.updated"], actor: "Avery User", from: "2026-12-01", to: "2026-12-07" })).toBe("Action: Profile updated · Actor: Avery User · 1–7 Dec 2026");
    expect(filterSummary({ actions: [], target: "Jane Doe" })).toBe("Target: Jane Doe");
    expect(filterSummary({ actions: ["profile.created", "profile.updated", "file.uploaded", "auth.signed_in"] })).toBe("Actions: Profile created, Profile updated and 2 more");
  });

  it("says so when nothing is", () => {
    expect(filterSummary({ actions: [] })).toBe("No filters");
  });

  it("names actions as people say them", () => {
    expect(actionName("auth.signed_in")).toBe("Signed in");
    expect(actionName("user.role_changed")).toBe("User role changed");
    expect(actionName("mfa.enrolled")).toBe("Two-factor enrolled");
  });

  it("writes date ranges short, across months and years", () => {
    expect(rangeText("2026-11-28", "2026-12-03")).toBe("28 Nov – 3 Dec 2026");
    expect(rangeText("2026-12-30", "2027-01-02")).toBe("30 Dec 2026 – 2 Jan 2027");
    expect(rangeText("2026-12-05", "2026-12-05")).toBe("5 Dec 2026");
    expect(rangeText("2026-12-01", undefined)).toBe("From 1 Dec 2026");
    expect(rangeText(undefined, "2026-12-07")).toBe("Until 7 Dec 2026");
    expect(rangeText()).toBeNull();
  });
});
