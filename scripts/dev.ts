// `npm run dev`: with AWS settings (AWS_REGION plus credentials or a profile, and no
// DYNAMODB_ENDPOINT) it only runs `next dev` (through scripts/server.mjs). Otherwise it starts
// DynamoDB Local and s3rver with data under .data/, converges tables and bucket, seeds a first
// admin (printed once) and runs `next dev` against them. Ctrl-C stops Next and the local
// services together.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { assertPortFree, describeConverge, type LocalStack, LocalStackError, startLocalStack } from "./local-stack";

const root = path.resolve(__dirname, "..");
// `next dev` behind the app's own server, so the client address comes from the connection as in
// production (lib/http/connection.ts).
const serverScript = path.join(root, "scripts", "server.mjs");

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new LocalStackError(`${name} must be a port number between 1 and 65535 (got "${raw}")`);
  }
  return port;
}

function usesAws(): boolean {
  const e = process.env;
  return Boolean(e.AWS_REGION && !e.DYNAMODB_ENDPOINT && (e.AWS_ACCESS_KEY_ID || e.AWS_PROFILE || e.AWS_WEB_IDENTITY_TOKEN_FILE));
}

/** AUTH_SECRET from the environment, else .data/auth-secret, else a new one written there. */
function authSecret(dataDir: string): string {
  const fromEnv = process.env.AUTH_SECRET;
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) {
    const stored = readFileSync(file, "utf8").trim();
    if (stored.length >= 32) return stored;
    console.warn(`[dev] ${file} holds no usable secret (under 32 characters); writing a new one.`);
  }
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

function printBox(lines: string[]): void {
  const width = Math.max(...lines.map((l) => l.length));
  const bar = "─".repeat(width + 2);
  console.log(`\n┌${bar}┐`);
  for (const line of lines) console.log(`│ ${line.padEnd(width)} │`);
  console.log(`└${bar}┘\n`);
}

/** The environment for Next: ours, minus anything that would make Node resolve react-server. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  if (env.NODE_OPTIONS) {
    const cleaned = env.NODE_OPTIONS.replace(/(^|\s)(--conditions[= ]|-C[= ]?)react-server(?=\s|$)/g, " ").trim();
    if (cleaned) env.NODE_OPTIONS = cleaned;
    else delete env.NODE_OPTIONS;
  }
  return env;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function stopNext(next: ChildProcess): Promise<void> {
  if (next.exitCode !== null || next.signalCode !== null) return;
  next.kill("SIGTERM");
  if (!(await waitForExit(next, 5_000))) {
    next.kill("SIGKILL");
    await waitForExit(next, 2_000);
  }
}

function runNext(port: number, env: NodeJS.ProcessEnv, stack: LocalStack | null): void {
  const next = spawn(process.execPath, [serverScript, "--dev"], { cwd: root, env: { ...env, PORT: String(port) }, stdio: "inherit" });
  let shuttingDown = false;
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    await stopNext(next);
    if (stack) await stack.stop();
    process.exit(code);
  };
  // Ctrl-C reaches Next and the JVM as well (same process group); this waits for both to end.
  process.on("SIGINT", () => void shutdown(130));
  process.on("SIGTERM", () => void shutdown(143));
  // Last resort if something throws during shutdown: never leave Next running.
  process.on("exit", () => {
    if (next.exitCode === null && next.signalCode === null) next.kill("SIGKILL");
  });
  next.on("error", (error) => {
    console.error(`[dev] could not start Next: ${error.message}`);
    void shutdown(1);
  });
  next.on("exit", (code, signal) => {
    if (!shuttingDown && stack) console.log(`[dev] Next exited (${signal ?? `code ${code}`}); stopping the local services.`);
    void shutdown(code ?? (signal ? 1 : 0));
  });
}

async function main(): Promise<void> {
  const appPort = portFromEnv("PORT", 3000);
  const baseEnv = { NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? "1" };

  if (usesAws()) {
    await assertPortFree(appPort, "Next", "PORT");
    console.log(`[dev] AWS settings found (region ${process.env.AWS_REGION}): using AWS, starting no local services.`);
    runNext(appPort, childEnv(baseEnv), null);
    return;
  }

  const dynamoPort = portFromEnv("DYNAMODB_PORT", 8000);
  const s3Port = portFromEnv("S3_PORT", 4569);
  await assertPortFree(appPort, "Next", "PORT");

  const dataDir = path.join(root, ".data");
  mkdirSync(dataDir, { recursive: true });
  const secret = authSecret(dataDir);
  const bucket = process.env.S3_BUCKET || "prework-media-bucket-local";
  const tablePrefix = process.env.TABLE_PREFIX ?? "prework-";
  const appUrl = `http://localhost:${appPort}`;

  const started = Date.now();
  const stack = await startLocalStack({
    dataDir,
    dynamoPort,
    s3Port,
    bucket,
    tablePrefix,
    corsOrigins: [appUrl, `http://127.0.0.1:${appPort}`],
  });
  for (const line of describeConverge(stack.converged)) console.log(`[dev] ${line}`);
  console.log(
    `[dev] DynamoDB Local on ${stack.dynamoEndpoint}, s3rver on ${stack.s3Endpoint} (bucket ${bucket}), data in ${dataDir} ` +
      `(${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );

  const localEnv = {
    ...baseEnv,
    DYNAMODB_ENDPOINT: stack.dynamoEndpoint,
    S3_ENDPOINT: stack.s3Endpoint,
    S3_BUCKET: bucket,
    TABLE_PREFIX: tablePrefix,
    AUTH_SECRET: secret,
    AUTH_TRUST_HOST: "true",
    AUTH_URL: appUrl,
  };
  Object.assign(process.env, localEnv);

  try {
    // Imported only now: it reads its configuration through lib/env from process.env.
    const { seedFirstAdmin } = await import("./seed");
    const admin = await seedFirstAdmin();
    if (admin) {
      printBox([
        "First admin created (shown once; change the password after signing in)",
        "",
        `  sign in at  ${appUrl}/sign-in`,
        `  email       ${admin.email}`,
        `  password    ${admin.password}`,
      ]);
    } else {
      console.log(`[dev] An admin exists already; sign in at ${appUrl}/sign-in`);
    }
    const { cleanupTempUploads } = await import("./cleanup-uploads");
    const removed = await cleanupTempUploads();
    if (removed) console.log(`[dev] Removed ${removed} stale temp upload${removed === 1 ? "" : "s"}.`);
  } catch (error) {
    await stack.stop();
    throw error;
  }

  // Expired files and abandoned uploads leave no objects behind (as the Lambda does on AWS).
  const { startFileStream } = await import("./local-stack/file-stream");
  const { handleFileStreamRecords } = await import("@/lib/storage/file-stream");
  const fileStream = await startFileStream(stack.dynamoEndpoint, tablePrefix, handleFileStreamRecords);
  runNext(appPort, childEnv(localEnv), {
    ...stack,
    async stop() {
      await fileStream.stop();
      await stack.stop();
    },
  });
}

main().catch((error: unknown) => {
  console.error(`\n[dev] ${error instanceof Error ? (error instanceof LocalStackError ? error.message : (error.stack ?? error.message)) : String(error)}\n`);
  process.exit(1);
});
