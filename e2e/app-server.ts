// Starts the production build through the app's own server (scripts/server.mjs, what `npm start`
// runs), so the tests see the client address and TLS flag the way production does. Used by the
// global setup and by specs that need a differently configured server (HTTPS).
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import http from "node:http";
import https from "node:https";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const HEALTH_TIMEOUT_MS = 60_000;
const OUTPUT_TAIL = 8_000;

export interface AppServer {
  url: string;
  stop(): Promise<void>;
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

/** Status and body start of a GET; a self-signed certificate is accepted (local test servers). */
function probe(url: string): Promise<{ status: number; body: string }> {
  const client = url.startsWith("https:") ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(url, { rejectUnauthorized: false, timeout: 5_000 }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body = (body + chunk).slice(0, 500)));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", reject);
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (exited(child)) {
      throw new Error(`the app server exited (${child.signalCode ?? `code ${child.exitCode}`}) before ${url} answered. Its output:\n${output()}`);
    }
    try {
      const res = await probe(url);
      if (res.status === 200) return;
      last = `HTTP ${res.status}: ${res.body}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000} s (last: ${last}). The server's output:\n${output()}`);
}

/**
 * Serves the build on 127.0.0.1:`port` with `env` on top of this process's environment; the
 * server's output goes to `logFile` (read it after a failing run). HTTPS when `env` names a
 * certificate (TLS_CERT_FILE and TLS_KEY_FILE).
 */
export async function startAppServer({ port, env, logFile }: { port: number; env: Record<string, string>; logFile: string }): Promise<AppServer> {
  const url = `${env.TLS_CERT_FILE ? "https" : "http"}://127.0.0.1:${port}`;
  const log = createWriteStream(logFile);
  let output = "";
  const child = spawn(process.execPath, [path.join(root, "scripts/server.mjs")], {
    cwd: root,
    env: withoutReactServer({ ...process.env, ...env, PORT: String(port), HOSTNAME: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const collect = (chunk: Buffer) => {
    log.write(chunk);
    output = (output + chunk.toString("utf8")).slice(-OUTPUT_TAIL);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  child.on("error", (error) => collect(Buffer.from(`[spawn error] ${error.message}\n`)));
  // If the runner dies without tearing down, do not leave the server holding its port.
  const kill = () => {
    if (!exited(child)) child.kill("SIGKILL");
  };
  process.on("exit", kill);
  const stop = async () => {
    await stopProcess(child);
    process.off("exit", kill);
    log.end();
  };
  try {
    await waitForHealth(`${url}/api/health`, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
