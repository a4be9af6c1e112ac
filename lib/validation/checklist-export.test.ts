import { describe, expect, it } from "vitest";
import { exportChecklistSchema } from "./checklist-export";

describe("exportChecklistSchema", () => {
  const profileId = "7e4b5a9e-3c8f-4f0e-9a59-1c1a0f2d9b31";

  it("takes a profile id and an optional IANA time zone", () => {
    expect(exportChecklistSchema.parse({ profileId })).toEqual({ profileId });
    expect(exportChecklistSchema.parse({ profileId, timeZone: "Europe/Zurich" })).toEqual({ profileId, timeZone: "Europe/Zurich" });
  });

  it("refuses hostile or unknown input with a message by field", () => {
    for (const input of [{ profileId: "../../etc/passwd" }, { profileId: "" }, {}, { profileId, timeZone: "Mars/Olympus" }, { profileId, timeZone: "x".repeat(500) }, { profileId, timeZone: 3 }]) {
      const parsed = exportChecklistSchema.safeParse(input);
      expect(parsed.success, JSON.stringify(input)).toBe(false);
      expect(parsed.error!.issues[0]!.path.length).toBe(1);
    }
    expect(exportChecklistSchema.safeParse({ profileId, timeZone: "Mars/Olympus" }).error!.issues[0]!.message).toBe("Unknown time zone.");
  });
});
