// Vitest globalSetup of the `integration` project: one in-memory DynamoDB Local and one s3rver
// (temp dir) on free ports, with a table prefix and bucket unique to this run, handed to the
// test workers through provide/inject (see scripts/vitest-setup-integration.ts).
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { startLocalStack } from "./local-stack";

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    s3Endpoint: string;
    tablePrefix: string;
    bucket: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // As test.env in vitest.config.ts, for this (main) process's own AWS clients.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const id = randomBytes(4).toString("hex");
  const tablePrefix = `it-${id}-`;
  const stack = await startLocalStack({
    bucket: `prework-it-${id}`,
    tablePrefix,
    corsOrigins: ["http://localhost:3000", "http://127.0.0.1:3000"],
  });
  project.provide("dynamoEndpoint", stack.dynamoEndpoint);
  project.provide("s3Endpoint", stack.s3Endpoint);
  project.provide("tablePrefix", tablePrefix);
  project.provide("bucket", stack.bucket);
  return () => stack.stop();
}
