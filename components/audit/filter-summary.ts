// One line saying which filters the audit page applies, shown on its collapsed filter bar:
// "Action: Profile updated · Actor: Avery User · 1–7 Dec 2026", or "No filters".

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const ENTITIES: Record<string, string> = {
  user: "User",
  profile: "Profile",
  file: "File",
  checklist: "Checklist",
  template: "Template",
  session: "Session",
  mfa: "Two-factor",
  passkey: "Passkey",
};

/** "profile.updated" → "Profile updated", "auth.signed_in" → "Signed in". */
export function actionName(action: string): string {
  const [entity = "", verb = action] = action.split(".");
  const words = verb.replace(/_/g, " ");
  const noun = ENTITIES[entity];
  return noun ? `${noun} ${words}` : words.charAt(0).toUpperCase() + words.slice(1);
}

function parts(day: string): { d: number; m: string; y: number } {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return { d, m: MONTHS[m - 1]!, y };
}

/** "1–7 Dec 2026", "28 Nov – 3 Dec 2026", "30 Dec 2026 – 2 Jan 2027", "From 1 Dec 2026", "Until 7 Dec 2026". */
export function rangeText(from?: string, to?: string): string | null {
  if (!from && !to) return null;
  const full = (day: string) => {
    const p = parts(day);
    return `${p.d} ${p.m} ${p.y}`;
  };
  if (!to) return `From ${full(from!)}`;
  if (!from) return `Until ${full(to)}`;
  if (from === to) return full(from);
  const a = parts(from);
  const b = parts(to);
  if (a.y === b.y && a.m === b.m) return `${a.d}–${b.d} ${b.m} ${b.y}`;
  if (a.y === b.y) return `${a.d} ${a.m} – ${b.d} ${b.m} ${b.y}`;
  return `${full(from)} – ${full(to)}`;
}

export interface SummaryInput {
  actions: readonly string[];
  /** The chosen people's names (or a stand-in when unknown). */
  actor?: string;
  target?: string;
  /** YYYY-MM-DD */
  from?: string;
  to?: string;
}

export function filterSummary(input: SummaryInput): string {
  const out: string[] = [];
  if (input.actions.length === 1) out.push(`Action: ${actionName(input.actions[0]!)}`);
  else if (input.actions.length > 1) {
    const shown = input.actions.slice(0, 2).map(actionName).join(", ");
    out.push(`Actions: ${shown}${input.actions.length > 2 ? ` and ${input.actions.length - 2} more` : ""}`);
  }
  if (input.actor) out.push(`Actor: ${input.actor}`);
  if (input.target) out.push(`Target: ${input.target}`);
  const range = rangeText(input.from, input.to);
  if (range) out.push(range);
  return out.length ? out.join(" · ") : "No filters";
}
