// Percentiles and the small numeric helpers every part of the bench shares.

/** The p-th percentile of ascending `sorted` (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarise(samples: readonly number[]): { p50: number; p95: number; max: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? NaN, n: sorted.length };
}

export const round = (value: number, digits = 1) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : null);

/** What every measured page or action reports: latency alone and at 10 clients, and its DynamoDB calls. */
export interface LoadFigures {
  p50: number;
  p95: number;
  rps10: number;
  p95at10: number;
  errors: number;
  callsPerRequest: number;
}
