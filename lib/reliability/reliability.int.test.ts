// The reliability suite (issue #11): concurrent clients make random changes through the domain
// functions, once as they are and once with about a tenth of DynamoDB and S3 calls failing, and
// an independent checker then finds no broken invariant and no lost acknowledged write.
// REL_OPS scales it (npm test runs the bounded default, npm run test:reliability the full size);
// REL_SEED replays a run's choices.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkStorage, type StorageReport } from "@/lib/storage/storage-check";
import { check, type CheckReport } from "./checker";
import { type FaultTally, injectFaults } from "./faults";
import { Journal } from "./journal";
import { prng, runWorkload } from "./operations";

const OPERATIONS = Number(process.env.REL_OPS ?? 400);
const CLIENTS = Number(process.env.REL_CLIENTS ?? 20);
const FAULT_RATE = Number(process.env.REL_FAULT_RATE ?? 0.1);
const SEED = Number(process.env.REL_SEED ?? randomBytes(4).readUInt32BE());

async function run(label: string, faultRate: number) {
  const runTag = randomBytes(4).toString("hex");
  const domain = `${runTag}.rel.test`;
  const journal = new Journal(runTag, `reliability-${runTag}`);
  const faults = faultRate > 0 ? injectFaults(faultRate, prng(SEED ^ 0x5eed)) : undefined;
  const started = Date.now();
  try {
    await runWorkload(journal, { seed: SEED, operations: OPERATIONS, clients: CLIENTS, domain });
  } finally {
    faults?.remove();
  }
  const seconds = (Date.now() - started) / 1000;
  const report = await check({ records: journal.records, domain, actorId: journal.actorId });
  // What `npm run storage:check` reports for this run's users (other test files share the stack).
  const storage = await checkStorage({ userIds: new Set(report.userIds) });
  printSummary(label, journal, report, storage, faults?.tally, faults?.calls() ?? 0, seconds);
  return { report, storage };
}

/** The distinct errors of refused and unknown operations, with their counts. */
function errors(records: Journal["records"]): string {
  const counts = new Map<string, number>();
  for (const r of records) if (r.errorName) counts.set(`${r.errorName}: ${r.error}`, (counts.get(`${r.errorName}: ${r.error}`) ?? 0) + 1);
  return counts.size ? `  [${[...counts].map(([e, n]) => `${n}× ${e}`).join("; ")}]` : "";
}

function printSummary(label: string, journal: Journal, report: CheckReport, storage: StorageReport, tally: FaultTally | undefined, calls: number, seconds: number) {
  const count = (outcome: string) => journal.records.filter((r) => r.outcome === outcome).length;
  const injected = tally ? Object.values(tally).reduce((a, b) => a + b, 0) : 0;
  const rows: Array<[string, string | number]> = [
    ["seed (REL_SEED)", SEED],
    ["clients", CLIENTS],
    ["operations", journal.records.length],
    ["  acknowledged", count("ok")],
    ["  refused / failed", count("failed")],
    ["  outcome unknown", count("maybe")],
    ["faults injected", tally ? `${injected} of ${calls} calls (${Object.entries(tally).map(([k, v]) => `${k} ${v}`).join(", ")})` : 0],
    ["users / profiles / files", `${report.users} / ${report.profiles} / ${report.files}`],
    ["audit entries", report.auditEntries],
    ["violations", report.violations.length],
    ["lost acknowledged writes", report.lostWrites.length],
    ["storage:check: objects without metadata / ready files without object", `${storage.orphanObjects.length} / ${storage.missingObjects.length}`],
    ["refusals whose write had landed", report.misreported.length],
    ["presigned PUTs S3 refused", journal.refusedPuts.length ? `${journal.refusedPuts.length} (first: ${journal.refusedPuts[0]})` : 0],
    ["seconds", seconds.toFixed(1)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const kinds = [...new Set(journal.records.map((r) => r.kind))].sort();
  const perKind = kinds.map((k) => {
    const of = journal.records.filter((r) => r.kind === k);
    return `  ${k.padEnd(22)} ${String(of.length).padStart(5)}  ok ${of.filter((r) => r.outcome === "ok").length}, failed ${of.filter((r) => r.outcome === "failed").length}, unknown ${of.filter((r) => r.outcome === "maybe").length}${errors(of)}`;
  });
  console.log([`reliability: ${label}`, ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`), "  by operation:", ...perKind, ...report.violations.slice(0, 30).map((v) => `  VIOLATION ${v}`), ...report.misreported.map((m) => `  MISREPORTED ${m}`)].join("\n"));
}

const timeout = 60_000 + OPERATIONS * 400;

describe(`reliability: ${CLIENTS} clients, ${OPERATIONS} operations, seed ${SEED}`, () => {
  it("keeps every invariant and every acknowledged write", { timeout }, async () => {
    const { report, storage } = await run("no faults", 0);
    expect(report.violations).toEqual([]);
    expect(storage).toMatchObject({ orphanObjects: [], missingObjects: [] });
  });

  it(`keeps them with ${FAULT_RATE * 100}% of DynamoDB and S3 calls failing`, { timeout }, async () => {
    const { report, storage } = await run(`${FAULT_RATE * 100}% faults`, FAULT_RATE);
    expect(report.violations).toEqual([]);
    expect(storage).toMatchObject({ orphanObjects: [], missingObjects: [] });
  });
});
