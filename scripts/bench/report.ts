// The bench's report: every figure, every budget met or missed, as JSON and as a Markdown table
// under bench/results/ (the latest run, committed), and the table printed.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ActionFigures } from "./actions";
import type { LighthouseFigures } from "./browser";
import type { Floor } from "./floor";
import type { PageFigures } from "./http-load";
import type { KeystrokeFigures } from "./keystrokes";
import type { SeedCounts } from "./seed";
import { round } from "./stats";

export interface Report {
  startedAt: string;
  seconds: number;
  scale: number;
  seeded: SeedCounts & { seedSeconds: number };
  machine: { cores: number; node: string };
  floor: Floor;
  pages: Array<{ page: string; route: string } & PageFigures>;
  actions: Array<{ action: string } & ActionFigures>;
  browser: Array<{ page: string; route: string; jsKiB: number } & Partial<LighthouseFigures>>;
  keystrokes: KeystrokeFigures | null;
  budgets: Budget[];
}

export interface Budget {
  budget: string;
  figure: string;
  met: boolean;
}

export const BUDGETS = { callsPerPage: 4, throughputShare: 0.8, usersListGain: 1.5, usersListHtmlKB: 64, jsKiB: 200, lighthouse: 100, tbtMs: 150, keystrokeP95Ms: 50, minutes: 15 };

const BASELINE = path.resolve(__dirname, "../../bench/baseline.json");

/** The users list's throughput before this round of work, recorded by the first full-scale run. */
async function baseline(report: Omit<Report, "budgets">): Promise<{ rps10: number; recordedAt: string; recordedNow: boolean }> {
  try {
    return { ...(JSON.parse(await readFile(BASELINE, "utf8")) as { rps10: number; recordedAt: string }), recordedNow: false };
  } catch {
    const first = report.pages[0]!;
    const recorded = { rps10: round(first.rps10, 1)!, recordedAt: report.startedAt, scale: report.scale };
    if (report.scale === 1) await writeFile(BASELINE, `${JSON.stringify(recorded, null, 2)}\n`);
    return { ...recorded, recordedNow: true };
  }
}

export async function judge(report: Omit<Report, "budgets">): Promise<Budget[]> {
  const budgets: Budget[] = [];
  const add = (budget: string, figure: string, met: boolean) => budgets.push({ budget, figure, met });
  const usersList = report.pages[0]!;
  for (const p of report.pages) add(`${p.page}: ≤ ${BUDGETS.callsPerPage} DynamoDB calls`, p.callsPerRequest.toFixed(1), p.callsPerRequest <= BUDGETS.callsPerPage);
  for (const p of report.pages.slice(1)) {
    const share = p.rps10 / usersList.rps10;
    add(`${p.page}: ≥ ${BUDGETS.throughputShare * 100}% of the users list's req/s`, `${(share * 100).toFixed(0)}% (${p.rps10.toFixed(0)} of ${usersList.rps10.toFixed(0)})`, share >= BUDGETS.throughputShare);
  }
  const before = await baseline(report);
  add(
    `users list: ≥ ${BUDGETS.usersListGain}× the baseline's req/s (${before.rps10} on ${before.recordedAt.slice(0, 10)})`,
    `${(usersList.rps10 / before.rps10).toFixed(2)}× (${usersList.rps10.toFixed(0)} req/s)${before.recordedNow ? ", baseline recorded by this run" : ""}`,
    usersList.rps10 >= BUDGETS.usersListGain * before.rps10,
  );
  add(`users list: HTML ≤ ${BUDGETS.usersListHtmlKB} KB for 50 rows`, `${(usersList.htmlBytes / 1000).toFixed(1)} KB`, usersList.htmlBytes <= BUDGETS.usersListHtmlKB * 1000);
  for (const b of report.browser) {
    add(`${b.page}: JavaScript ≤ ${BUDGETS.jsKiB} KiB (gzip)`, `${b.jsKiB.toFixed(1)} KiB`, b.jsKiB <= BUDGETS.jsKiB);
    if (b.performance !== undefined) {
      add(`${b.page}: Lighthouse performance ${BUDGETS.lighthouse}`, String(b.performance), b.performance >= BUDGETS.lighthouse);
      add(`${b.page}: Lighthouse accessibility ${BUDGETS.lighthouse}`, String(b.accessibility), (b.accessibility ?? 0) >= BUDGETS.lighthouse);
      add(`${b.page}: Total Blocking Time ≤ ${BUDGETS.tbtMs} ms`, `${b.tbtMs?.toFixed(0)} ms`, (b.tbtMs ?? Infinity) <= BUDGETS.tbtMs);
    }
  }
  if (report.keystrokes) add(`editor keystroke → paint p95 ≤ ${BUDGETS.keystrokeP95Ms} ms (200 keys)`, `${report.keystrokes.p95.toFixed(1)} ms`, report.keystrokes.p95 <= BUDGETS.keystrokeP95Ms);
  if (report.scale === 1) add(`the whole run < ${BUDGETS.minutes} minutes`, `${(report.seconds / 60).toFixed(1)} min`, report.seconds < BUDGETS.minutes * 60);
  return budgets;
}

const ms = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? "–" : value.toFixed(1));

function table(header: string[], rows: Array<Array<string | number>>): string {
  return [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

export function markdown(report: Report): string {
  const floor = report.floor.getItemP50;
  const s = report.seeded;
  return [
    `# Benchmark ${report.startedAt.slice(0, 16).replace("T", " ")} UTC`,
    "",
    `Scale ${report.scale}: ${s.users.toLocaleString("en")} users, ${(s.users * s.profilesPerUser).toLocaleString("en")} profiles, ${s.audit.toLocaleString("en")} audit entries, ${s.files.toLocaleString("en")} files, ${s.templateUsers.toLocaleString("en")} template profiles, ${(s.sessions * 2).toLocaleString("en")} sessions (seeded in ${s.seedSeconds.toFixed(0)} s). ${report.machine.cores} cores, Node ${report.machine.node}. Whole run ${(report.seconds / 60).toFixed(1)} min.`,
    "",
    `Floor: GetItem p50 ${ms(report.floor.getItemP50)} ms, Query (50 rows) p50 ${ms(report.floor.queryP50)} ms, lightest authenticated response (${report.floor.lightestRoute}) p50 ${ms(report.floor.lightestP50)} ms.`,
    "",
    "## Pages",
    "",
    table(
      ["page", "p50 ms", "p95 ms", "p50 ÷ GetItem", "req/s at 10", "p95 ms at 10", "errors", "DynamoDB calls", "HTML KB (gzip)"],
      report.pages.map((p) => [p.page, ms(p.p50), ms(p.p95), `${(p.p50 / floor).toFixed(0)}×`, p.rps10.toFixed(0), ms(p.p95at10), p.errors, p.callsPerRequest.toFixed(1), `${(p.htmlBytes / 1000).toFixed(1)} (${(p.htmlGzipBytes / 1000).toFixed(1)})`]),
    ),
    "",
    "## Server actions",
    "",
    table(
      ["action", "p50 ms", "p95 ms", "calls/s at 10", "p95 ms at 10", "errors", "DynamoDB calls"],
      report.actions.map((a) => [a.action, ms(a.p50), ms(a.p95), a.rps10.toFixed(0), ms(a.p95at10), a.errors, a.callsPerRequest.toFixed(1)]),
    ),
    "",
    "## Browser (Chromium)",
    "",
    table(
      ["page", "JS KiB (gzip)", "Lighthouse performance", "accessibility", "LCP ms", "TBT ms"],
      report.browser.map((b) => [b.page, b.jsKiB.toFixed(1), b.performance ?? "–", b.accessibility ?? "–", b.lcpMs?.toFixed(0) ?? "–", b.tbtMs?.toFixed(0) ?? "–"]),
    ),
    "",
    report.keystrokes
      ? `Editor keystroke → next paint on a 200-key object (${report.keystrokes.rows} rows, ${report.keystrokes.keystrokes} keystrokes): p50 ${ms(report.keystrokes.p50)} ms, p95 ${ms(report.keystrokes.p95)} ms, max ${ms(report.keystrokes.max)} ms; script p95 ${ms(report.keystrokes.scriptP95)} ms.`
      : "Editor keystrokes: not measured.",
    "",
    "## Budgets",
    "",
    table(["budget", "figure", ""], report.budgets.map((b) => [b.budget, b.figure, b.met ? "met" : "**MISSED**"])),
    "",
  ].join("\n");
}

export async function writeReport(report: Report): Promise<string> {
  const dir = path.resolve(__dirname, "../../bench/results");
  await mkdir(dir, { recursive: true });
  const md = markdown(report);
  await writeFile(path.join(dir, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(path.join(dir, "latest.md"), md);
  return md;
}
