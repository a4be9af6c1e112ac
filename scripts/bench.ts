// `npm run bench`: seeds a realistic volume into an in-memory local stack (10,000 users, 30,000
// profiles, 200,000 audit entries by default; BENCH_SCALE=0.1 for a quick run), serves the
// production build with the app's server (scripts/server.mjs, what `npm start` runs), and
// measures each page: latency p50/p95 for one client, requests/s and p95 at 10 concurrent
// clients, and DynamoDB calls per request (counted by a proxy in front of DynamoDB Local, so
// the app runs unmodified). Budgets: docs/architecture.md §5.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import http from "node:http";
import path from "node:path";
import { freePort, startLocalStack } from "./local-stack";

const root = path.resolve(__dirname, "..");
const scale = Number(process.env.BENCH_SCALE ?? 1);
const COUNTS = { users: Math.round(10_000 * scale), profilesPerUser: 3, audit: Math.round(200_000 * scale) };
const PASSWORD = "bench password 12345";

/** Forwards to DynamoDB Local and counts the requests it forwards. */
function countingProxy(target: string, port: number) {
  let count = 0;
  const { hostname, port: targetPort } = new URL(target);
  const server = http.createServer((req, res) => {
    count++;
    const upstream = http.request({ hostname, port: targetPort, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 500, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  return new Promise<{ calls: () => number; close: () => void }>((resolve) =>
    server.listen(port, "127.0.0.1", () => resolve({ calls: () => count, close: () => server.close() })),
  );
}

async function batchWrite(tableName: string, items: Record<string, unknown>[]) {
  const { BatchWriteCommand } = await import("@aws-sdk/lib-dynamodb");
  const { db } = await import("@/lib/db/client");
  const chunks = Array.from({ length: Math.ceil(items.length / 25) }, (_, i) => items.slice(i * 25, i * 25 + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 12 }, async () => {
      while (next < chunks.length) {
        let pending: Record<string, unknown>[] = chunks[next++]!.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length) {
          const out = await db().send(new BatchWriteCommand({ RequestItems: { [tableName]: pending as never } }));
          pending = (out.UnprocessedItems?.[tableName] ?? []) as Record<string, unknown>[];
        }
      }
    }),
  );
}

async function seed() {
  const { table } = await import("@/lib/db/client");
  const { createUser } = await import("@/lib/db/users");
  const { nameKey, DIRECTORY } = await import("@/lib/db/user-item");
  const { buildAuditItem } = await import("@/lib/db/audit");
  const { hashPassword } = await import("@/lib/auth/password");
  const admin = await createUser({ email: "bench-admin@prework.local", name: "Bench Admin", role: "admin", passwordHash: await hashPassword(PASSWORD) }, { actorId: "system" });
  const now = Date.now();
  const users = Array.from({ length: COUNTS.users }, (_, i) => {
    const id = randomUUID();
    const name = `Person ${String(i).padStart(5, "0")}`;
    const at = new Date(now - i * 60_000).toISOString();
    return { id, email: `person${i}@bench.test`, name, role: i % 50 === 0 ? "manager" : "user", isActive: i % 17 !== 0, createdAt: at, updatedAt: at, version: 1, directory: DIRECTORY, nameKey: nameKey(name, id) };
  });
  await batchWrite(table("users"), users);
  await batchWrite(table("userEmails"), users.map((u) => ({ email: u.email, userId: u.id })));
  // Seeded in bulk past the repository: the word index and the per-role counts are built after.
  const { rebuildUserSearch } = await import("@/lib/db/user-search-rebuild");
  await rebuildUserSearch();
  const profiles = users.flatMap((u) =>
    Array.from({ length: COUNTS.profilesPerUser }, (_, j) => {
      const at = new Date(Date.parse(u.createdAt) + j * 1000).toISOString();
      return { id: randomUUID(), userId: u.id, name: ["Personal", "Work", "Side project"][j], type: ["personal", "professional", "custom"][j], customFields: { department: "Engineering", skills: ["TypeScript"] }, customFieldsOrder: "{}", isDefault: j === 0, defaultFlag: j === 0 ? "1" : "0", createdAt: at, updatedAt: at, version: 1 };
    }),
  );
  await batchWrite(table("userProfiles"), profiles);
  const audit = Array.from({ length: COUNTS.audit }, (_, i) => {
    const actor = users[i % users.length]!;
    const target = users[(i * 7) % users.length]!;
    return buildAuditItem({ actorId: actor.id, actorRole: actor.role, ipAddress: "192.0.2.1", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36" }, { action: "auth.signed_out", targetUserId: target.id, details: {} }, new Date(now - Math.floor((i / COUNTS.audit) * 90 * 86_400_000)));
  });
  await batchWrite(table("auditLogs"), audit);

  // A template 1,000 users have started a profile from (through the app's own path, so each
  // profile carries its progress summary): the progress view's cost must not grow with them.
  const { readFile } = await import("node:fs/promises");
  const { createTemplate } = await import("@/lib/templates/service");
  const { createProfileFromTemplate } = await import("@/lib/templates/template-profiles");
  const sample = JSON.parse(await readFile(path.join(root, "lib/templates/sample-template.json"), "utf8")) as Parameters<typeof createTemplate>[0];
  const template = await createTemplate(sample, { actorId: admin.id });
  const takers = users.slice(0, Math.min(1000, users.length));
  let nextTaker = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (nextTaker < takers.length) {
        const user = takers[nextTaker++]!;
        await createProfileFromTemplate(user.id, { name: "Onboarding", type: "professional", customFields: {} }, template.id, { actorId: user.id });
      }
    }),
  );
  return { admin, templateId: template.id, templateUsers: takers.length };
}

async function signInCookie(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar },
    body: new URLSearchParams({ email, password: PASSWORD, csrfToken, callbackUrl: "/" }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c?.includes("session-token"));
  if (!session) throw new Error(`sign-in failed (${res.status})`);
  return `${jar}; ${session}`;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function timed(url: string, cookie: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, { headers: { Cookie: cookie }, redirect: "manual" });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return performance.now() - started;
}

async function measure(url: string, cookie: string, calls: () => number) {
  for (let i = 0; i < 5; i++) await timed(url, cookie); // warm-up (compilation caches, connections)
  const before = calls();
  const single: number[] = [];
  for (let i = 0; i < 60; i++) single.push(await timed(url, cookie));
  const callsPerRequest = (calls() - before) / 60;
  const loaded: number[] = [];
  const until = performance.now() + 8_000;
  await Promise.all(Array.from({ length: 10 }, async () => {
    while (performance.now() < until) loaded.push(await timed(url, cookie));
  }));
  single.sort((a, b) => a - b);
  loaded.sort((a, b) => a - b);
  return { p50: percentile(single, 50), p95: percentile(single, 95), rps10: loaded.length / 8, p95at10: percentile(loaded, 95), callsPerRequest };
}

const JS_BUDGET_KIB = 200;

/**
 * JavaScript a first visit to a route loads, as the browser would receive it compressed: the
 * scripts its HTML names (Next's chunks for the route), each gzipped here as a CDN serves it.
 */
async function routeJavaScript(base: string, route: string, cookie?: string): Promise<{ kib: number; scripts: number }> {
  const html = await (await fetch(`${base}${route}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" })).text();
  // Scripts marked nomodule (the legacy polyfills) are never fetched by a browser that runs modules.
  const tags = [...html.matchAll(/<script([^>]*)\ssrc="([^"]+\.js)"([^>]*)>/g)].filter((m) => !/\bnomodule\b/i.test(`${m[1]} ${m[3]}`));
  const sources = [...new Set(tags.map((m) => m[2]!))];
  let bytes = 0;
  for (const src of sources) {
    const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    bytes += gzipSync(body, { level: 9 }).length;
  }
  return { kib: bytes / 1024, scripts: sources.length };
}

async function main() {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.log("[bench] building (next build)…");
    const build = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const id = randomBytes(4).toString("hex");
  const [appPort, proxyPort] = [await freePort(), await freePort()];
  const base = `http://127.0.0.1:${appPort}`;
  const stack = await startLocalStack({ bucket: `prework-bench-${id}`, tablePrefix: `bench-${id}-`, corsOrigins: [base] });
  const proxy = await countingProxy(stack.dynamoEndpoint, proxyPort);
  let next: ChildProcess | undefined;
  try {
    Object.assign(process.env, { DYNAMODB_ENDPOINT: stack.dynamoEndpoint, S3_ENDPOINT: stack.s3Endpoint, TABLE_PREFIX: `bench-${id}-`, S3_BUCKET: stack.bucket, AUTH_SECRET: randomBytes(33).toString("base64url") });
    const started = Date.now();
    console.log(`[bench] seeding ${COUNTS.users} users, ${COUNTS.users * COUNTS.profilesPerUser} profiles, ${COUNTS.audit} audit entries, a template with up to 1,000 profiles…`);
    const { admin, templateId, templateUsers } = await seed();
    console.log(`[bench] seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);

    next = spawn(process.execPath, [path.join(root, "scripts/server.mjs")], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: "", PORT: String(appPort), HOSTNAME: "127.0.0.1", DYNAMODB_ENDPOINT: `http://127.0.0.1:${proxyPort}`, AUTH_TRUST_HOST: "true", NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
      stdio: "ignore",
    });
    for (let i = 0; i < 240 && (await fetch(`${base}/api/health`).then((r) => r.status).catch(() => 0)) !== 200; i++) await new Promise((r) => setTimeout(r, 250));
    const cookie = await signInCookie(base, admin.email);

    const { listUsers } = await import("@/lib/db/user-directory");
    let cursor: string | null = null;
    for (let i = 0; i < 19; i++) cursor = (await listUsers({}, { limit: 50, cursor })).nextCursor;
    const pages: Array<[string, string]> = [
      ["users list, page 1", "/admin/users"],
      ["users list, page 20", `/admin/users?cursor=${encodeURIComponent(cursor ?? "")}`],
      ["users list, role filter", "/admin/users?role=manager"],
      ["users search (name prefix)", "/admin/users?q=person%2001"],
      ["home", "/"],
      [`template progress (${templateUsers} users)`, `/admin/templates/${templateId}/progress`],
    ];
    const rows = [];
    for (const [label, route] of pages) {
      const m = await measure(`${base}${route}`, cookie, proxy.calls);
      rows.push({ page: label, "p50 ms (1 client)": m.p50.toFixed(1), "p95 ms (1 client)": m.p95.toFixed(1), "req/s (10 clients)": m.rps10.toFixed(0), "p95 ms (10 clients)": m.p95at10.toFixed(1), "DynamoDB calls/request": m.callsPerRequest.toFixed(1) });
    }
    console.table(rows);

    // The sign-in route is measured signed out; the WebAuthn browser code must not be in it.
    const routes: Array<[string, string, string | undefined]> = [
      ["/sign-in", "/sign-in", undefined],
      ...pages.map(([label, route]): [string, string, string | undefined] => [label, route, cookie]),
      ["/account/security", "/account/security", cookie],
      ["/admin/audit", "/admin/audit", cookie],
      ["/admin/templates", "/admin/templates", cookie],
    ];
    const js = [];
    for (const [label, route, withCookie] of routes) {
      const { kib, scripts } = await routeJavaScript(base, route, withCookie);
      js.push({ route: label, scripts, "JS KiB (gzip)": kib.toFixed(1), [`budget ${JS_BUDGET_KIB} KiB`]: kib <= JS_BUDGET_KIB ? "met" : "MISSED" });
    }
    console.table(js);
    console.log("Budgets (docs/architecture.md §5): users list ≥ 72 req/s at 10 clients, p50 ≤ 14 ms at 1 client; every page p95 ≤ 250 ms at 10 clients; ≤ 4 DynamoDB calls per page.");
  } finally {
    next?.kill("SIGTERM");
    proxy.close();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
