import { describe, expect, it } from "vitest";
import { checkProfileDetails } from "./profile-details";
import { profileDetailsSchema } from "./profiles";

// The forms check with checkProfileDetails, the actions with profileDetailsSchema (inside
// create/updateProfileSchema): they must agree on every verdict, value and message.
const cases: Array<{ name?: unknown; type?: unknown }> = [
  { name: "Work", type: "professional" },
  { name: "  Café \u0301 ", type: "personal" },
  { name: "e\u0301", type: "custom" },
  { name: "", type: "personal" },
  { name: "   ", type: "personal" },
  { name: "x".repeat(100), type: "custom" },
  { name: "x".repeat(101), type: "custom" },
  { name: "evil\u202etxt", type: "custom" },
  { name: "Work", type: "other" },
  { name: "Work" },
  { type: "custom" },
  { name: 42, type: "custom" },
  { name: "", type: "" },
];

describe("checkProfileDetails agrees with profileDetailsSchema", () => {
  it.each(cases.map((c) => [JSON.stringify(c), c] as const))("%s", (_label, input) => {
    const parsed = profileDetailsSchema.safeParse(input);
    const checked = checkProfileDetails(input);
    if (parsed.success) {
      expect(checked).toEqual({ ok: true, value: parsed.data });
    } else {
      // The first message per field, as the action wrapper reports them.
      const fromSchema: Record<string, string> = {};
      for (const issue of parsed.error.issues) fromSchema[issue.path.join(".")] ??= issue.message;
      expect(checked).toEqual({ ok: false, errors: fromSchema });
    }
  });
});
