import { describe, expect, it } from "vitest";
import { formatBytes, sizesApart } from "./bytes";

const MB = 1024 * 1024;

describe("sizes", () => {
  it("formats with one decimal in the largest fitting unit", () => {
    expect([formatBytes(512), formatBytes(33 * 1024), formatBytes(25 * MB)]).toEqual(["512 B", "33.0 KB", "25.0 MB"]);
  });

  it("never shows a size over a limit as the limit", () => {
    expect(sizesApart(25 * MB, 30 * MB)).toEqual({ limit: "25.0 MB", actual: "30.0 MB" });
    expect(sizesApart(25 * MB, 25 * MB + 20 * 1024)).toEqual({ limit: "25.00 MB", actual: "25.02 MB" });
    expect(sizesApart(25 * MB, 25 * MB + 1)).toEqual({ limit: "26,214,400 bytes", actual: "26,214,401 bytes" });
    expect(sizesApart(32 * 1024, 32 * 1024 + 1)).toEqual({ limit: "32.000 KB", actual: "32.001 KB" });
    expect(sizesApart(32 * 1024, 33 * 1024)).toEqual({ limit: "32.0 KB", actual: "33.0 KB" });
    // Across units the units already tell them apart.
    expect(sizesApart(1023, 1024)).toEqual({ limit: "1023 B", actual: "1.0 KB" });
  });
});
