import { describe, expect, it } from "vitest";
import { profileCompleteness } from "./completeness";

describe("profileCompleteness", () => {
  it("counts avatar, background and details, and names what is missing", () => {
    expect(profileCompleteness({ customFields: {} })).toEqual({ done: 0, total: 3, percent: 0, missing: ["an avatar", "a background image", "details (custom fields)"] });
    expect(profileCompleteness({ customFields: { team: "Ops" }, avatarFileId: "a" })).toEqual({ done: 2, total: 3, percent: 66, missing: ["a background image"] });
    expect(profileCompleteness({ customFields: { team: "Ops" }, avatarFileId: "a", backgroundFileId: "b" }).percent).toBe(100);
  });

  it("does not count blank fields or the theme as details", () => {
    expect(profileCompleteness({ customFields: { note: "  ", list: [], preferences: { theme: "dark" } } }).missing).toContain("details (custom fields)");
  });

  it("adds each checklist item as a step", () => {
    const result = profileCompleteness({ customFields: { a: 1 }, avatarFileId: "a", backgroundFileId: "b", checklistProgress: { done: 1, total: 4 } });
    expect(result).toEqual({ done: 4, total: 7, percent: 57, missing: ["3 checklist items"] });
    expect(profileCompleteness({ customFields: {}, checklistProgress: { done: 0, total: 1 } }).missing).toEqual(["an avatar", "a background image", "details (custom fields)", "1 checklist item"]);
  });
});
