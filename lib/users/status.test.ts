import { describe, expect, it } from "vitest";
import { userFilterSchema } from "@/lib/validation/users";
import { filterFromParams, usersHref } from "./filter-url";
import { userStatus } from "./status";

describe("a user's status", () => {
  it("is inactive when deactivated (invited or not), invited until a password is set, else active", () => {
    expect(userStatus({ isActive: true })).toBe("active");
    expect(userStatus({ isActive: true, invitedAt: "2026-01-01T00:00:00.000Z" })).toBe("invited");
    expect(userStatus({ isActive: false, invitedAt: "2026-01-01T00:00:00.000Z" })).toBe("inactive");
    expect(userStatus({ isActive: false })).toBe("inactive");
  });

  it("is a filter the URL and the schema both accept", () => {
    expect(userFilterSchema.parse({ status: "invited" })).toEqual({ status: "invited" });
    expect(filterFromParams(new URLSearchParams("status=invited"))).toMatchObject({ status: "invited" });
    expect(usersHref({ status: "invited" })).toBe("/admin/users?status=invited");
    expect(userFilterSchema.parse({ status: "pending" })).toEqual({});
  });
});
