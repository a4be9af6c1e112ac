// Sizes as people read them, shared by the browser and the server (no server-only imports).

const KB = 1024;
const MB = 1024 * 1024;

function withDecimals(bytes: number, decimals: number): string {
  if (bytes < KB) return `${bytes} B`;
  if (bytes < MB) return `${(bytes / KB).toFixed(decimals)} KB`;
  return `${(bytes / MB).toFixed(decimals)} MB`;
}

/** "512 B", "33.0 KB", "25.0 MB": one decimal, for lists and hints. */
export function formatBytes(bytes: number): string {
  return withDecimals(bytes, 1);
}

/**
 * A limit and a size over it, written so that they read differently: with more decimals where
 * one hides the difference (up to three), else in exact bytes. One byte over 25 MB reads
 * "26,214,400 bytes" against "26,214,401 bytes", never "25.0 MB (this is 25.0 MB)".
 */
export function sizesApart(limit: number, actual: number): { limit: string; actual: string } {
  for (let decimals = 1; decimals <= 3; decimals++) {
    const shown = { limit: withDecimals(limit, decimals), actual: withDecimals(actual, decimals) };
    if (shown.limit !== shown.actual) return shown;
  }
  return { limit: `${limit.toLocaleString("en")} bytes`, actual: `${actual.toLocaleString("en")} bytes` };
}
