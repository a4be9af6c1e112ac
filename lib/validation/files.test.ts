import { describe, expect, it } from "vitest";
import { fileFilterFrom, fileFilterQuery } from "./file-filter";
import {
  fileExpiryFormSchema,
  fileTagsFormSchema,
  isoToLocalDateTime,
  localDateTimeToIso,
  parseTags,
  renameFileFormSchema,
} from "./files";

describe("file list filter in the URL", () => {
  it("keeps a known kind and a trimmed tag, drops the rest", () => {
    expect(fileFilterFrom({ tag: "  invoices ", kind: "image" })).toEqual({ tag: "invoices", kind: "image" });
    expect(fileFilterFrom({ tag: ["a", "b"], kind: ["document"] })).toEqual({ tag: "a", kind: "document" });
    expect(fileFilterFrom({ tag: "   ", kind: "video" })).toEqual({});
    expect(fileFilterFrom({ tag: null, kind: undefined })).toEqual({});
    expect(fileFilterFrom({ tag: "x".repeat(100) }).tag).toHaveLength(40);
  });

  it("keeps a search and a purpose other than the default", () => {
    expect(fileFilterFrom({ q: "  Rapport ", purpose: "profile-images" })).toEqual({ q: "Rapport", purpose: "profile-images" });
    expect(fileFilterFrom({ purpose: "documents" })).toEqual({});
    expect(fileFilterFrom({ purpose: "everything" })).toEqual({});
    expect(fileFilterQuery({ q: "été", purpose: "all" })).toBe("?q=%C3%A9t%C3%A9&purpose=all");
  });

  it("writes the same filter back as a query string", () => {
    expect(fileFilterQuery({})).toBe("");
    expect(fileFilterQuery({ tag: "tax 2025", kind: "document" })).toBe("?tag=tax+2025&kind=document");
    expect(fileFilterFrom(Object.fromEntries(new URLSearchParams(fileFilterQuery({ tag: "a&b", kind: "image" }))))).toEqual({ tag: "a&b", kind: "image" });
  });
});

describe("file edit forms", () => {
  it("trims names and refuses empty or deceptive ones", () => {
    expect(renameFileFormSchema.parse({ displayName: "  Q3 report.pdf " })).toEqual({ displayName: "Q3 report.pdf" });
    expect(renameFileFormSchema.safeParse({ displayName: "  " }).success).toBe(false);
    expect(renameFileFormSchema.safeParse({ displayName: "cod\u202Efdp.exe" }).success).toBe(false);
  });

  it("splits tags on commas, drops blanks and duplicates, and explains a bad tag", () => {
    expect(parseTags(" a, b ,, c ,")).toEqual(["a", "b", "c"]);
    expect(fileTagsFormSchema.parse({ tags: "tax, 2025, tax" })).toEqual({ tags: ["tax", "2025"] });
    // Case-insensitive: the first spelling stays.
    expect(fileTagsFormSchema.parse({ tags: "CV, cv, Cv, Été, ete" })).toEqual({ tags: ["CV", "Été"] });
    expect(fileTagsFormSchema.parse({ tags: "" })).toEqual({ tags: [] });
    const bad = fileTagsFormSchema.safeParse({ tags: "ok, <script>" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ["tags"], message: expect.stringContaining("Tags are") });
    expect(fileTagsFormSchema.safeParse({ tags: Array.from({ length: 21 }, (_, i) => `t${i}`).join(",") }).error?.issues[0]?.message).toBe("At most 20 tags.");
  });

  it("turns a datetime-local value into a future ISO instant and back", () => {
    const future = "2099-03-04T05:06";
    const iso = localDateTimeToIso(future);
    expect(iso).toMatch(/^2099-03-0\dT\d\d:06:00\.000Z$/);
    expect(isoToLocalDateTime(iso)).toBe(future);
    expect(fileExpiryFormSchema.parse({ expiresAt: future })).toEqual({ expiresAt: iso });
    expect(fileExpiryFormSchema.safeParse({ expiresAt: "2001-01-01T00:00" }).error?.issues[0]?.message).toBe("The expiry must be in the future.");
    expect(fileExpiryFormSchema.safeParse({ expiresAt: "" }).error?.issues[0]?.message).toBe("Choose a date and time.");
    expect(localDateTimeToIso("tomorrow")).toBe("");
  });
});
