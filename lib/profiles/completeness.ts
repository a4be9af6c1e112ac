// How complete a profile is, as the home page shows it. A profile is complete when it has
//   - an avatar,
//   - a background image,
//   - details: at least one custom field holding something (the theme in `preferences` is a
//     setting, not a detail),
//   - and, when made from a template, every checklist item done (each item is one step).
// The percentage is the steps done over all steps, rounded down (100% only when nothing is
// missing); `missing` names what is left, in words.

export interface CompletenessInput {
  customFields: Record<string, unknown>;
  avatarFileId?: string;
  backgroundFileId?: string;
  checklistProgress?: { done: number; total: number };
}

export interface Completeness {
  done: number;
  total: number;
  percent: number;
  missing: string[];
}

function holdsSomething(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return value.trim().length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
}

export function profileCompleteness(profile: CompletenessInput): Completeness {
  const details = Object.entries(profile.customFields).some(([key, value]) => key !== "preferences" && holdsSomething(value));
  const steps: Array<[boolean, string]> = [
    [Boolean(profile.avatarFileId), "an avatar"],
    [Boolean(profile.backgroundFileId), "a background image"],
    [details, "details (custom fields)"],
  ];
  let done = steps.filter(([ok]) => ok).length;
  let total = steps.length;
  const missing = steps.filter(([ok]) => !ok).map(([, what]) => what);
  const checklist = profile.checklistProgress;
  if (checklist && checklist.total > 0) {
    done += checklist.done;
    total += checklist.total;
    const open = checklist.total - checklist.done;
    if (open > 0) missing.push(`${open} checklist ${open === 1 ? "item" : "items"}`);
  }
  return { done, total, percent: Math.floor((done / total) * 100), missing };
}
