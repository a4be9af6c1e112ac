import { describe, expect, it } from "vitest";
import { userFilterSchema } from "@/lib/validation/users";
import { canonicalFilter, filterParams, sameFilter, usersHref } from "./filter-url";

describe("users list filter in the URL", () => {
  it("leaves defaults out, so one view has one spelling (cursors are bound to it)", () => {
    expect(canonicalFilter({ sort: "created", order: "desc" })).toEqual({});
    expect(canonicalFilter({ sort: "name", order: "asc" })).toEqual({ sort: "name" });
    expect(canonicalFilter({ sort: "name", order: "desc" })).toEqual({ sort: "name", order: "desc" });
    expect(canonicalFilter({ order: "asc" })).toEqual({ order: "asc" });
    expect(canonicalFilter({ q: "   ", role: undefined })).toEqual({});
    expect(sameFilter({ sort: "created" }, {})).toBe(true);
    expect(sameFilter({ role: "user" }, { role: "admin" })).toBe(false);
  });

  it("normalises the search as the server's schema does", () => {
    const raw = `  Ame\u0301lie ${"x".repeat(200)}`;
    expect(canonicalFilter({ q: raw }).q).toBe(userFilterSchema.parse({ q: raw }).q);
  });

  it("round-trips through the URL and the server's parser", () => {
    const filter = canonicalFilter({ q: "Zoë & co/?#", role: "manager", status: "inactive", sort: "name", order: "desc" });
    const href = usersHref(filter);
    expect(href.startsWith("/admin/users?")).toBe(true);
    const parsed = userFilterSchema.parse(Object.fromEntries(new URL(href, "http://x").searchParams));
    expect(canonicalFilter(parsed)).toEqual(filter);
    expect(usersHref({})).toBe("/admin/users");
    expect(filterParams({ q: "a b" }).toString()).toBe("q=a+b");
  });
});
