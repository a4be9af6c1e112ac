// The audit pages' date rules without zod, so the browser can check a range with the very rules
// the server's schemas apply (lib/validation/audit.ts builds them from these) without loading
// zod: the audit page stays inside the JavaScript budget (docs/architecture.md §5).

export const DAY_FORMAT = "Use a date like 2026-01-31.";
export const NOT_A_DAY = "Not a real date.";
export const RANGE_INVERTED = "The start date is after the end date, so nothing can match.";
export const VERIFY_INVERTED = "The start must not be after the end.";
export const VERIFY_TOO_LONG = "Verify at most a year at a time.";
export const VERIFY_MAX_DAYS = 366;

/** Date.parse rolls 2026-02-31 over to 3 March; a real day reads back as itself. */
export function isRealDay(text: string): boolean {
  const time = Date.parse(`${text}T00:00:00.000Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
}

export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** What is wrong with a YYYY-MM-DD day, or null. */
export function dayProblem(text: string): string | null {
  if (!DAY_PATTERN.test(text)) return DAY_FORMAT;
  return isRealDay(text) ? null : NOT_A_DAY;
}

/** The verify panel's range, checked as verifyAuditSchema checks it: messages on their field. */
export function verifyRangeProblems(range: { from: string; to: string }): Partial<Record<"from" | "to", string>> {
  const from = dayProblem(range.from);
  const to = dayProblem(range.to);
  if (from || to) return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  if (range.from > range.to) return { to: VERIFY_INVERTED };
  if (Date.parse(range.to) - Date.parse(range.from) > VERIFY_MAX_DAYS * 86_400_000) return { to: VERIFY_TOO_LONG };
  return {};
}
