import { describe, expect, it } from "vitest";
import type { JsonObject } from "@/lib/custom-fields/validation";
import { type ProfileDraft, rebase } from "./rebase";

const draft = (customFields: JsonObject, name = "Work", type: ProfileDraft["type"] = "professional"): ProfileDraft => ({ name, type, customFields });

describe("rebase", () => {
  it("keeps both sides' changes to different fields", () => {
    const base = draft({ a: 1, b: 2, prefs: { theme: "dark", lang: "en" } });
    const mine = draft({ a: 10, b: 2, prefs: { theme: "dark", lang: "fr" } }, "Work (mine)");
    const theirs = draft({ a: 1, b: 20, prefs: { theme: "light", lang: "en" } }, "Work", "custom");
    expect(rebase(base, mine, theirs)).toEqual({
      draft: draft({ a: 10, b: 20, prefs: { theme: "light", lang: "fr" } }, "Work (mine)", "custom"),
      overlaps: [],
    });
  });

  it("keeps mine where both changed the same field, and says so", () => {
    const result = rebase(draft({ a: 1 }, "Old"), draft({ a: 2 }, "Mine"), draft({ a: 3 }, "Theirs"));
    expect(result.draft).toEqual(draft({ a: 2 }, "Mine"));
    expect(result.overlaps).toEqual(["name", "customFields.a"]);
  });

  it("keeps fields either side added, next to the neighbours they were added beside", () => {
    const result = rebase(draft({ a: 1, c: 3 }), draft({ a: 1, mine: true, c: 3 }), draft({ a: 1, c: 3, theirs: true }));
    expect(Object.keys(result.draft.customFields)).toEqual(["a", "mine", "c", "theirs"]);
  });

  it("applies removals from either side unless the other side changed the field", () => {
    expect(rebase(draft({ a: 1, b: 2 }), draft({ b: 2 }), draft({ a: 1, b: 3 })).draft.customFields).toEqual({ b: 3 });
    const conflicted = rebase(draft({ a: 1 }), draft({}), draft({ a: 5 }));
    expect(conflicted.draft.customFields).toEqual({});
    expect(conflicted.overlaps).toEqual(["customFields.a"]);
  });

  it("keeps my reordering and places their new field after its neighbour", () => {
    const result = rebase(draft({ a: 1, b: 2, c: 3 }), draft({ c: 3, a: 1, b: 2 }), draft({ a: 1, b: 2, n: 0, c: 3 }));
    expect(Object.keys(result.draft.customFields)).toEqual(["c", "a", "b", "n"]);
  });

  it("merges inside groups both sides added", () => {
    const result = rebase(draft({}), draft({ g: { x: 1 } }), draft({ g: { y: 2 } }));
    expect(result.draft.customFields).toEqual({ g: { y: 2, x: 1 } });
  });
});
