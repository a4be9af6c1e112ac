import { describe, expect, it } from "vitest";
import type { TimelineEntryView } from "@/lib/types/timeline";
import { madeVersion, toActivityItems } from "./activity-items";

const SUBJECT = "11111111-1111-4111-8111-111111111111";
const ADMIN = "22222222-2222-4222-8222-222222222222";
const T1 = "2026-01-01T00:00:00.000Z";
const T2 = "2026-01-02T00:00:00.000Z";

function view(id: string, fields: Partial<TimelineEntryView> = {}): TimelineEntryView {
  return {
    id,
    action: "auth.signed_in",
    group: "sign-ins",
    sentence: "Sam signed in",
    timestamp: T1,
    actor: { id: SUBJECT, name: "Sam Subject" },
    target: { id: SUBJECT, name: "Sam Subject" },
    ipAddress: null,
    device: null,
    details: {},
    technical: { ipAddress: null, userAgent: null, hmac: null },
    ...fields,
  };
}

const update = (id: string, timestamp: string, actor: TimelineEntryView["actor"]) =>
  view(id, { action: "user.updated", timestamp, actor, details: { changes: { name: { from: "Sam", to: "Samuel" } }, affectedFields: ["name"] } });

describe("toActivityItems", () => {
  it("keeps the sentence and time, and lists a user update's changes as text", () => {
    const [item] = toActivityItems([
      view("u", {
        action: "user.updated",
        sentence: "Ada Admin updated Sam Subject's account",
        details: {
          changes: { name: { from: "Sam", to: "<b>Sam</b>" }, role: { from: "user", to: null }, extra: { from: { a: 1 }, to: "x".repeat(300) } },
          affectedFields: ["name", "role", "extra"],
        },
      }),
    ]);
    expect(item).toEqual({
      id: "u",
      sentence: "Ada Admin updated Sam Subject's account",
      timestamp: T1,
      changes: [
        { field: "name", from: "Sam", to: "<b>Sam</b>" },
        { field: "role", from: "user", to: "(none)" },
        { field: "extra", from: '{"a":1}', to: `${"x".repeat(199)}…` },
      ],
    });
  });

  it("lists no changes for other actions or malformed details", () => {
    expect(toActivityItems([view("s"), view("m", { action: "user.updated", details: { changes: null } })]).map((i) => i.changes)).toEqual([[], []]);
  });
});

describe("madeVersion", () => {
  const user = { id: SUBJECT, updatedAt: T2 };

  it("names whoever wrote the change whose time is the user's updatedAt", () => {
    const entries = [update("new", T2, { id: ADMIN, name: "Ada Admin" }), update("old", T1, { id: SUBJECT, name: "Sam Subject" })];
    expect(madeVersion(entries, user)).toEqual({ at: T2, by: "Ada Admin" });
  });

  it("says nothing when the change is not on the page, is about someone else, or its author is unknown", () => {
    expect(madeVersion([update("old", T1, { id: ADMIN, name: "Ada Admin" })], user)).toBeNull();
    expect(madeVersion([{ ...update("x", T2, { id: ADMIN, name: "Ada" }), target: { id: ADMIN, name: "Ada" } }], user)).toBeNull();
    expect(madeVersion([view("s", { timestamp: T2 })], user)).toBeNull();
    expect(madeVersion([update("g", T2, { id: "gone", name: null })], user)).toBeNull();
  });
});
