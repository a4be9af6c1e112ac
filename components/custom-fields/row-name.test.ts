import { describe, expect, it } from "vitest";
import { count, rowName } from "./row-name";

describe("rowName", () => {
  it("names a field by its dotted path", () => {
    expect(rowName({ key: "city" }, "", false, 0)).toEqual({ path: "city", name: "city", label: "Field city" });
    expect(rowName({ key: "city" }, "address", false, 2)).toEqual({ path: "address.city", name: "address.city", label: "Field address.city" });
  });

  it("names an unnamed field by where it is", () => {
    expect(rowName({ key: "" }, "", false, 0).name).toBe("unnamed field");
    expect(rowName({ key: "" }, "address", false, 0)).toEqual({ path: "address.", name: "unnamed field in address", label: "Field unnamed field in address" });
  });

  it("names a list item by its place", () => {
    expect(rowName({ key: "" }, "tags", true, 1)).toEqual({ path: "tags.1", name: "item 2 in tags", label: "Item 2 in tags" });
  });
});

describe("count", () => {
  it("picks the singular for one", () => {
    expect(count(1, "field", "fields")).toBe("1 field");
    expect(count(0, "item", "items")).toBe("0 items");
  });
});
