import { marshall } from "@aws-sdk/util-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { TABLES, tableName, type TableId } from "@/lib/db/tables";
import { resetEnvForTests } from "@/lib/env";
import { s3 } from "@/lib/s3/client";
import { handler } from "@/lib/storage/file-stream-lambda";
import { actionsFor, TRANSACT_ITEM_ACTIONS } from "./sdk-actions";
import { STREAM_LAMBDA_GRANTS } from "./stream-lambda";

// The stream Lambda's grants are written per table (the module-level scan of lib/infra/sdk-usage.ts
// would also see the Queries lib/db/audit.ts makes elsewhere), so this runs the Lambda's handler
// on a TTL removal and records every AWS call it makes. Middleware on the app's real clients
// answers each call (no network, no DynamoDB Local needed) and notes what it would have done.

interface Call {
  action: string;
  resource: string;
}

const PREFIX = "lambda-test-";
const BUCKET = "prework-media-bucket-test";

function recordCalls(): Call[] {
  const calls: Call[] = [];
  const tableOf = (name: unknown) => (Object.keys(TABLES) as TableId[]).find((id) => tableName(PREFIX, id) === name) ?? `unknown table ${String(name)}`;
  db().middlewareStack.add(
    (_next, context) => async (args) => {
      const input = args.input as { TransactItems?: Record<string, { TableName: string }>[] };
      if (context.commandName !== "TransactWriteItemsCommand") throw new Error(`unrecorded DynamoDB call ${context.commandName}`);
      for (const item of input.TransactItems ?? []) {
        for (const [kind, write] of Object.entries(item)) calls.push({ action: TRANSACT_ITEM_ACTIONS[kind]!.action, resource: tableOf(write.TableName) });
      }
      return { output: { $metadata: {} }, response: {} } as never;
    },
    { step: "initialize", name: "record-dynamodb" },
  );
  s3().middlewareStack.add(
    (_next, context) => async (args) => {
      const input = args.input as { Bucket: string; Key: string };
      const [action] = actionsFor([context.commandName!]).object;
      expect(input.Bucket).toBe(BUCKET);
      calls.push({ action: action!, resource: `${input.Key.split("/")[0]}/` });
      return { output: { $metadata: {} }, response: {} } as never;
    },
    { step: "initialize", name: "record-s3" },
  );
  return calls;
}

/** A REMOVE record as Lambda delivers it when TTL deleted the item. */
function ttlRemoval(status: "ready" | "pending") {
  const item = {
    id: `file-${status}`,
    uploadedBy: "owner-1",
    s3Key: status === "ready" ? "users/owner-1/uploads/2026/12/file-ready-notes.pdf" : "users/owner-1/uploads/temp/file-pending.tmp",
    originalName: "notes.pdf",
    purpose: "document",
    status,
    expiresAtEpoch: Math.floor(Date.now() / 1000) - 60,
  };
  return { eventName: "REMOVE", userIdentity: { type: "Service", principalId: "dynamodb.amazonaws.com" }, dynamodb: { OldImage: marshall(item) } };
}

describe("the stream Lambda's permissions", () => {
  beforeAll(() => {
    Object.assign(process.env, { TABLE_PREFIX: PREFIX, S3_BUCKET: BUCKET, AUTH_SECRET: "a".repeat(40), AWS_REGION: "eu-west-1" });
    delete process.env.DYNAMODB_ENDPOINT;
    delete process.env.S3_ENDPOINT;
    resetEnvForTests();
  });

  it("are exactly what its handler does with an expired file and an abandoned upload", async () => {
    const calls = recordCalls();
    await expect(handler({ Records: [ttlRemoval("ready"), ttlRemoval("pending")] })).resolves.toEqual({ expired: 1, abandoned: 1 });

    const granted = [
      ...Object.entries(STREAM_LAMBDA_GRANTS.tables).flatMap(([resource, actions]) => actions.map((action) => ({ action, resource }))),
      ...Object.entries(STREAM_LAMBDA_GRANTS.objects).flatMap(([resource, actions]) => actions.map((action) => ({ action, resource }))),
    ];
    const key = (c: Call) => `${c.action} on ${c.resource}`;
    expect([...new Set(calls.map(key))].sort()).toEqual(granted.map(key).sort());
  });
});
