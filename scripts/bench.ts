// `npm run bench`: the whole product under one benchmark. It seeds a realistic volume into an
// in-memory local stack (scripts/bench/seed.ts; full scale by default, BENCH_SCALE=0.1 for a
// quick run), serves the production build with the app's own server (what `npm start` runs)
// behind a proxy that counts DynamoDB calls, and measures, in one run:
//   - the floor: a GetItem, a Query and the lightest authenticated response (scripts/bench/floor.ts);
//   - every page: p50/p95 at 1 client, req/s and p95 at 10 clients (autocannon), errors, DynamoDB
//     calls per request, bytes of HTML (scripts/bench/http-load.ts);
//   - server actions: a profile save, an upload's presign + complete, a sign-in (scripts/bench/actions.ts);
//   - the browser: JavaScript per route, Lighthouse desktop scores, LCP and TBT per page
//     (scripts/bench/browser.ts), keystroke-to-paint in the editor on 200 keys (scripts/bench/keystrokes.ts);
// then writes bench/results/latest.{json,md} with every budget met or missed, and prints the table.
// BENCH_SKIP_BROWSER=1 leaves the browser part out; BENCH_QUICK=1 takes few samples (to try the
// harness, not to read figures).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import { cpus } from "node:os";
import path from "node:path";
import { freePort, startLocalStack } from "./local-stack";
import { measureAction, profileSaves, signInCookie, signIns, uploads } from "./bench/actions";
import { countingProxy } from "./bench/counting-proxy";
import { measureFloor } from "./bench/floor";
import { measurePage } from "./bench/http-load";
import { judge, type Report, writeReport } from "./bench/report";
import { countsFor, seed } from "./bench/seed";

const root = path.resolve(__dirname, "..");
const scale = Number(process.env.BENCH_SCALE ?? 1);
const withBrowser = process.env.BENCH_SKIP_BROWSER !== "1";
const quick = process.env.BENCH_QUICK === "1";
const SAMPLES = quick ? { singleRequests: 8, loadSeconds: 2 } : { singleRequests: 40, loadSeconds: 8 };
const PASSWORD = "bench password 12345";
const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

function build() {
  if (existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  log("building (next build)…");
  const done = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (done.status !== 0) process.exit(done.status ?? 1);
}

async function main() {
  const started = Date.now();
  build();
  // Chromium (Lighthouse, Playwright) leaves folders in the temp dir: keep them in the project.
  const tmp = path.join(root, ".tmp");
  mkdirSync(tmp, { recursive: true });
  process.env.TMPDIR = tmp;

  const id = randomBytes(4).toString("hex");
  const [appPort, proxyPort] = [await freePort(), await freePort()];
  const base = `http://127.0.0.1:${appPort}`;
  const stack = await startLocalStack({ bucket: `prework-bench-${id}`, tablePrefix: `bench-${id}-`, corsOrigins: [base] });
  const proxy = await countingProxy(stack.dynamoEndpoint, proxyPort);
  let server: ChildProcess | undefined;
  try {
    Object.assign(process.env, { DYNAMODB_ENDPOINT: stack.dynamoEndpoint, S3_ENDPOINT: stack.s3Endpoint, TABLE_PREFIX: `bench-${id}-`, S3_BUCKET: stack.bucket, AUTH_SECRET: randomBytes(33).toString("base64url") });
    const counts = countsFor(scale);
    log(`seeding ${counts.users} users, ${counts.users * counts.profilesPerUser} profiles, ${counts.audit} audit entries, ${counts.files} files, ${counts.templateUsers} template profiles…`);
    const seedStarted = Date.now();
    const seeded = await seed(counts, PASSWORD);
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    log(`seeded in ${seedSeconds.toFixed(0)} s`);

    server = spawn(process.execPath, [path.join(root, "scripts/server.mjs")], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: "", PORT: String(appPort), HOSTNAME: "127.0.0.1", DYNAMODB_ENDPOINT: `http://127.0.0.1:${proxyPort}`, AUTH_TRUST_HOST: "true", NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
      stdio: "ignore",
    });
    for (let i = 0; i < 240 && (await fetch(`${base}/api/health`).then((r) => r.status).catch(() => 0)) !== 200; i++) await new Promise((r) => setTimeout(r, 250));
    const admin = await signInCookie(base, seeded.admin.email, PASSWORD);
    const member = await signInCookie(base, seeded.member.email, PASSWORD);

    const floor = await measureFloor(base, admin, seeded.admin.id);
    log(`floor: GetItem ${floor.getItemP50.toFixed(2)} ms, Query ${floor.queryP50.toFixed(2)} ms, ${floor.lightestRoute} ${floor.lightestP50.toFixed(1)} ms`);

    const { listUsers } = await import("@/lib/db/user-directory");
    let cursor: string | null = null;
    for (let i = 0; i < 19; i++) cursor = (await listUsers({}, { limit: 50, cursor })).nextCursor;
    const subject = seeded.subject.id;
    // The users list's first page comes first: every other page's throughput is judged against it.
    const pages: Array<{ page: string; route: string; cookie: string }> = [
      { page: "users list, page 1", route: "/admin/users", cookie: admin },
      { page: "users list, page 20", route: `/admin/users?cursor=${encodeURIComponent(cursor ?? "")}`, cookie: admin },
      { page: "users search (surname)", route: "/admin/users?q=rivera", cookie: admin },
      { page: "users list, role filter", route: "/admin/users?role=manager", cookie: admin },
      { page: "user detail", route: `/admin/users/${subject}`, cookie: admin },
      { page: "user's activity tab", route: `/admin/users/${subject}/activity`, cookie: admin },
      { page: "user's profiles tab", route: `/admin/users/${subject}/profiles`, cookie: admin },
      { page: "user's files tab", route: `/admin/users/${subject}/files`, cookie: admin },
      { page: "/profiles", route: "/profiles", cookie: admin },
      { page: "profile editor", route: `/profiles/${seeded.adminProfileId}`, cookie: admin },
      { page: "audit log", route: "/admin/audit", cookie: admin },
      { page: "audit log, by action", route: "/admin/audit?action=profile.updated", cookie: admin },
      { page: "/activity", route: "/activity", cookie: admin },
      { page: "/files (120 files)", route: "/files", cookie: member },
      { page: "home (admin)", route: "/", cookie: admin },
      { page: "home (user)", route: "/", cookie: member },
      { page: "templates", route: "/admin/templates", cookie: admin },
      { page: `template progress (${counts.templateUsers} users)`, route: `/admin/templates/${seeded.templateId}/progress`, cookie: admin },
      { page: "account security", route: "/account/security", cookie: admin },
      { page: "account sessions", route: "/account/sessions", cookie: admin },
    ];
    const pageFigures: Report["pages"] = [];
    for (const p of pages) {
      const figures = await measurePage(`${base}${p.route}`, { cookie: p.cookie, calls: proxy.calls, ...SAMPLES });
      pageFigures.push({ page: p.page, route: p.route, ...figures });
      log(`${p.page}: p50 ${figures.p50.toFixed(1)} ms, ${figures.rps10.toFixed(0)} req/s at 10, ${figures.callsPerRequest.toFixed(1)} calls, ${(figures.htmlBytes / 1000).toFixed(1)} KB`);
    }

    const { getProfile, listProfiles } = await import("@/lib/db/profiles");
    const adminProfile = (await getProfile(seeded.adminProfileId, { consistent: true }))!;
    const { listUsers: directory } = await import("@/lib/db/user-directory");
    const others = (await directory({}, { limit: 10 })).items.filter((u) => u.id !== seeded.admin.id).slice(0, 10);
    const otherProfiles = await Promise.all(others.map(async (u) => (await listProfiles(u.id))[0]!));
    const actions: Report["actions"] = [
      { action: "profile save", ...(await measureAction(profileSaves(base, admin, adminProfile), (i) => profileSaves(base, admin, otherProfiles[i % otherProfiles.length]!), proxy.calls, { n: SAMPLES.singleRequests, seconds: SAMPLES.loadSeconds })) },
      { action: "upload: presign + complete", ...(await measureAction(uploads(base, member), () => uploads(base, member), proxy.calls, { n: SAMPLES.singleRequests, seconds: SAMPLES.loadSeconds })) },
      { action: "sign-in (password)", ...(await measureAction(signIns(base, seeded.member.email, PASSWORD), () => signIns(base, seeded.member.email, PASSWORD), proxy.calls, { n: Math.min(15, SAMPLES.singleRequests), seconds: SAMPLES.loadSeconds })) },
    ];
    for (const a of actions) log(`${a.action}: p50 ${a.p50.toFixed(1)} ms, ${a.rps10.toFixed(0)}/s at 10, ${a.callsPerRequest.toFixed(1)} calls`);

    const browser: Report["browser"] = [];
    let keystrokes: Report["keystrokes"] = null;
    const { routeJavaScript } = await import("./bench/browser");
    for (const p of [{ page: "sign-in", route: "/sign-in", cookie: "" }, ...pages]) {
      browser.push({ page: p.page, route: p.route, jsKiB: (await routeJavaScript(base, p.route, p.cookie || undefined)).kib });
    }
    if (withBrowser) {
      const { lighthouse } = await import("./bench/browser");
      for (const row of browser) {
        Object.assign(row, lighthouse(`${base}${row.route}`, pages.find((p) => p.page === row.page)?.cookie));
        log(`Lighthouse ${row.page}: performance ${row.performance}, accessibility ${row.accessibility}, LCP ${row.lcpMs?.toFixed(0)} ms, TBT ${row.tbtMs?.toFixed(0)} ms`);
      }
      keystrokes = await editorKeystrokes(base, admin, seeded.admin.id);
      log(`editor keystrokes: p95 ${keystrokes.p95.toFixed(1)} ms`);
    }

    const partial = { startedAt: new Date(started).toISOString(), seconds: (Date.now() - started) / 1000, scale, seeded: { ...counts, seedSeconds }, machine: { cores: cpus().length, node: process.version }, floor, pages: pageFigures, actions, browser, keystrokes };
    const report: Report = { ...partial, budgets: await judge(partial) };
    console.log(`\n${await writeReport(report)}`);
    const missed = report.budgets.filter((b) => !b.met);
    console.log(missed.length ? `${missed.length} of ${report.budgets.length} budgets missed (bench/results/latest.md).` : `All ${report.budgets.length} budgets met.`);
  } finally {
    server?.kill("SIGTERM");
    proxy.close();
    await stack.stop();
  }
}

/** Keystroke-to-paint in the custom-fields editor on a 200-key object, 5 levels deep. */
async function editorKeystrokes(base: string, cookie: string, adminId: string) {
  const { chromium } = await import("@playwright/test");
  const { CHROMIUM_LAUNCH_OPTIONS } = await import("../e2e/chromium");
  const { generateFields } = await import("./large-custom-fields");
  const { createProfile } = await import("@/lib/db/profiles");
  const { measureKeystrokes } = await import("./bench/keystrokes");
  const { fields, target } = generateFields();
  const profile = await createProfile(adminId, { name: "Large profile", type: "custom", customFields: fields }, { actorId: adminId });
  const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  try {
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 } });
    await context.addCookies(cookie.split("; ").map((pair) => ({ name: pair.slice(0, pair.indexOf("=")), value: pair.slice(pair.indexOf("=") + 1), url: base })));
    const page = await context.newPage();
    await page.goto(`/profiles/${profile.id}`);
    const input = page.getByRole("group", { name: `Field ${target}`, exact: true }).getByLabel("Value", { exact: true });
    await input.waitFor();
    return await measureKeystrokes(page, input, { count: quick ? 20 : 100 });
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
