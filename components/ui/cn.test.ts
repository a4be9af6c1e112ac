import { describe, expect, it } from "vitest";
import { cn } from "./cn";

describe("cn", () => {
  it("skips falsy parts", () => {
    expect(cn("a", false, null, undefined, "", "b")).toBe("a b");
  });

  it("lets a later class override an earlier one that sets the same thing", () => {
    expect(cn("px-3.5 py-2 text-sm text-strong hover:bg-inset", "px-3 py-1.5 text-danger hover:bg-danger-soft")).toBe("text-sm px-3 py-1.5 text-danger hover:bg-danger-soft");
    expect(cn("rounded bg-inset-strong", "size-12 rounded-full")).toBe("bg-inset-strong size-12 rounded-full");
    expect(cn("border border-subtle", "border-danger-line")).toBe("border border-danger-line");
  });
});
