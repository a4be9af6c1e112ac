// Playwright global setup: an in-memory DynamoDB Local and a temp-dir s3rver on free ports, with
// a table prefix and bucket unique to this run, and the production build served by
// `next start` against them. Returns the teardown. Everything it sets in process.env is
// inherited by the workers (spawned afterwards), so fixtures can use the data layer directly.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { freePort, startLocalStack } from "../scripts/local-stack";

const root = path.resolve(__dirname, "..");
const HEALTH_TIMEOUT_MS = 60_000;
const OUTPUT_TAIL = 8_000;

function isLoopback(url: string): boolean {
  try {
    const { hostname } = new URL(url);
    return hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]";
  } catch {
    return false;
  }
}

/** These tests create and delete data freely: refuse anything that could reach AWS. */
function refuseUnlessLocal(): void {
  for (const name of ["DYNAMODB_ENDPOINT", "S3_ENDPOINT", "E2E_BASE_URL"]) {
    const value = process.env[name];
    if (value && !isLoopback(value)) {
      throw new Error(`e2e tests run only against local services they start themselves, but ${name}=${value}. Unset it.`);
    }
  }
  // Whatever happens below, neither Next nor the workers get AWS credentials.
  for (const name of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN"]) {
    delete process.env[name];
  }
}

/** Next must not inherit the react-server condition the runner uses to load lib/. */
function withoutReactServer(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  if (copy.NODE_OPTIONS) {
    const cleaned = copy.NODE_OPTIONS.replace(/(^|\s)(--conditions[= ]|-C[= ]?)react-server(?=\s|$)/g, " ").trim();
    if (cleaned) copy.NODE_OPTIONS = cleaned;
    else delete copy.NODE_OPTIONS;
  }
  return copy;
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (exited(child)) return;
  const done = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await done;
  clearTimeout(timer);
}

async function waitForHealth(url: string, next: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (exited(next)) {
      throw new Error(`next start exited (${next.signalCode ?? `code ${next.exitCode}`}) before ${url} answered. Its output:\n${output()}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status}: ${(await res.text()).slice(0, 500)}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000} s (last: ${last}). Next's output:\n${output()}`);
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  refuseUnlessLocal();
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    throw new Error("No production build found (.next/BUILD_ID is missing): run `npx next build` first (`npm test` does it).");
  }
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

  const id = randomBytes(4).toString("hex");
  const tablePrefix = `e2e-${id}-`;
  const bucket = `prework-e2e-${id}`;
  const appPort = await freePort();
  const baseUrl = `http://127.0.0.1:${appPort}`;
  const authSecret = randomBytes(33).toString("base64url");

  const stack = await startLocalStack({
    bucket,
    tablePrefix,
    corsOrigins: [baseUrl, `http://localhost:${appPort}`],
  });

  const appEnv = {
    DYNAMODB_ENDPOINT: stack.dynamoEndpoint,
    S3_ENDPOINT: stack.s3Endpoint,
    TABLE_PREFIX: tablePrefix,
    S3_BUCKET: bucket,
    AUTH_SECRET: authSecret,
    // Every browser signs in from 127.0.0.1: a per-address limit sized for people would throttle
    // the suite itself. Per-IP throttling is covered by lib/auth/sign-in.int.test.ts.
    SIGN_IN_MAX_FAILURES_PER_IP: "100000",
    AWS_REGION: "us-east-1",
  };

  // Next's output goes to a log file (read it after a failing run) and is kept in memory to be
  // shown if start-up fails.
  const logDir = path.join(root, "test-results");
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, "next-server.log");
  const log = createWriteStream(logFile);
  let output = "";
  const next = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(appPort), "-H", "127.0.0.1"], {
    cwd: root,
    env: withoutReactServer({
      ...process.env,
      ...appEnv,
      AUTH_TRUST_HOST: "true",
      AUTH_URL: baseUrl,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const collect = (chunk: Buffer) => {
    log.write(chunk);
    output = (output + chunk.toString("utf8")).slice(-OUTPUT_TAIL);
  };
  next.stdout?.on("data", collect);
  next.stderr?.on("data", collect);
  next.on("error", (error) => collect(Buffer.from(`[spawn error] ${error.message}\n`)));
  // If the runner dies without tearing down, do not leave Next holding its port.
  const killNext = () => {
    if (!exited(next)) next.kill("SIGKILL");
  };
  process.on("exit", killNext);

  const teardown = async () => {
    await stopProcess(next);
    process.off("exit", killNext);
    log.end();
    await stack.stop();
  };

  try {
    await waitForHealth(`${baseUrl}/api/health`, next, () => output);
  } catch (error) {
    await teardown();
    throw error;
  }

  Object.assign(process.env, appEnv, { E2E_BASE_URL: baseUrl });
  return teardown;
}
