// The app on the embedded local stack, shared by `npm run dev` (scripts/dev.ts, `next dev`) and
// `npm start` without AWS settings (scripts/start-local.ts, the production build): starts
// DynamoDB Local and s3rver with data under .data/ (PREWORK_DATA_DIR elsewhere), converges the
// tables and the bucket, seeds a first admin (printed once), removes stale temp uploads, runs the
// files table's stream poller and then the app's server (scripts/server.mjs) against them.
// Ctrl-C stops the server and the local services together.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { assertPortFree, describeConverge, type LocalStack, LocalStackError, startLocalStack } from "./local-stack";

export { LocalStackError } from "./local-stack";

const root = path.resolve(__dirname, "..");
// Behind the app's own server, so the client address comes from the connection as in
// production (lib/http/connection.ts).
const serverScript = path.join(root, "scripts", "server.mjs");

/** "dev": `next dev` with hot reload; "production": the build in .next/ (`next build` first). */
export type AppMode = "dev" | "production";

export function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new LocalStackError(`${name} must be a port number between 1 and 65535 (got "${raw}")`);
  }
  return port;
}

/** .data/ in the project, or PREWORK_DATA_DIR (absolute, or relative to the project). */
export function dataDirectory(): string {
  const configured = process.env.PREWORK_DATA_DIR;
  return configured ? path.resolve(root, configured) : path.join(root, ".data");
}

/** AUTH_SECRET from the environment, else <data dir>/auth-secret, else a new one written there. */
function authSecret(dataDir: string, log: (line: string) => void): string {
  const fromEnv = process.env.AUTH_SECRET;
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) {
    const stored = readFileSync(file, "utf8").trim();
    if (stored.length >= 32) return stored;
    log(`${file} holds no usable secret (under 32 characters); writing a new one.`);
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

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  server.kill("SIGTERM");
  if (!(await waitForExit(server, 5_000))) {
    server.kill("SIGKILL");
    await waitForExit(server, 2_000);
  }
}

/** Runs scripts/server.mjs until it exits or this process is told to stop; then stops `stack`. */
export function runServer(mode: AppMode, port: number, env: NodeJS.ProcessEnv, stack: Pick<LocalStack, "stop"> | null, log: (line: string) => void): void {
  const args = mode === "dev" ? [serverScript, "--dev"] : [serverScript];
  const server = spawn(process.execPath, args, { cwd: root, env: { ...env, PORT: String(port) }, stdio: "inherit" });
  let shuttingDown = false;
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    await stopServer(server);
    if (stack) await stack.stop();
    process.exit(code);
  };
  // Ctrl-C reaches Next and the JVM as well (same process group); this waits for both to end.
  process.on("SIGINT", () => void shutdown(130));
  process.on("SIGTERM", () => void shutdown(143));
  // Last resort if something throws during shutdown: never leave the server running.
  process.on("exit", () => {
    if (server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
  });
  server.on("error", (error) => {
    log(`could not start the server: ${error.message}`);
    void shutdown(1);
  });
  server.on("exit", (code, signal) => {
    if (!shuttingDown && stack) log(`the server exited (${signal ?? `code ${code}`}); stopping the local services.`);
    void shutdown(code ?? (signal ? 1 : 0));
  });
}

/** Starts the local services, seeds and prepares them, then runs the app's server on them. */
export async function runLocalApp(mode: AppMode, log: (line: string) => void): Promise<void> {
  const appPort = portFromEnv("PORT", 3000);
  const dynamoPort = portFromEnv("DYNAMODB_PORT", 8000);
  const s3Port = portFromEnv("S3_PORT", 4569);
  await assertPortFree(appPort, "Next", "PORT");

  const dataDir = dataDirectory();
  mkdirSync(dataDir, { recursive: true });
  const secret = authSecret(dataDir, log);
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
  for (const line of describeConverge(stack.converged)) log(line);
  log(
    `DynamoDB Local on ${stack.dynamoEndpoint}, s3rver on ${stack.s3Endpoint} (bucket ${bucket}), data in ${dataDir} ` +
      `(${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );

  const localEnv = {
    NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? "1",
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
      log(`An admin exists already; sign in at ${appUrl}/sign-in`);
    }
    const { ensureSampleTemplate } = await import("@/lib/templates/sample");
    if ((await ensureSampleTemplate()).templateCreated) log("Created the sample pre-work template.");
    const { cleanupTempUploads } = await import("./cleanup-uploads");
    const removed = await cleanupTempUploads();
    if (removed) log(`Removed ${removed} stale temp upload${removed === 1 ? "" : "s"}.`);
  } catch (error) {
    await stack.stop();
    throw error;
  }

  // Expired files and abandoned uploads leave no objects behind (as the Lambda does on AWS).
  const { startFileStream } = await import("./local-stack/file-stream");
  const { handleFileStreamRecords } = await import("@/lib/storage/file-stream");
  const fileStream = await startFileStream(stack.dynamoEndpoint, tablePrefix, handleFileStreamRecords);
  runServer(mode, appPort, childEnv(localEnv), {
    async stop() {
      await fileStream.stop();
      await stack.stop();
    },
  }, log);
}

/** The server alone, against the services the environment names (AWS). */
export async function runAppOnly(mode: AppMode, log: (line: string) => void): Promise<void> {
  const appPort = portFromEnv("PORT", 3000);
  await assertPortFree(appPort, "Next", "PORT");
  runServer(mode, appPort, childEnv({ NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? "1" }), null, log);
}

/** Prints what went wrong: a LocalStackError's message alone, anything else with its stack. */
export function reportFailure(prefix: string): (error: unknown) => never {
  return (error) => {
    const text = error instanceof Error ? (error instanceof LocalStackError ? error.message : (error.stack ?? error.message)) : String(error);
    console.error(`\n[${prefix}] ${text}\n`);
    process.exit(1);
  };
}
