// The one map from what the code calls (AWS SDK command classes, and the items of a
// transaction) to the IAM actions AWS authorises them by. The app role's policy is built from
// it (lib/infra/app-role.ts) and a test scans the code the app runs for its calls
// (lib/infra/sdk-usage.ts), so the policy can neither miss a call nor grant one nobody makes.

export type AwsService = "dynamodb" | "s3";

/** What the IAM action is granted on: table + indexes, objects under a prefix, or the bucket itself. */
export type ResourceKind = "table" | "object" | "bucket";

export interface IamAction {
  action: string;
  resource: ResourceKind;
}

const table = (action: string): IamAction => ({ action: `dynamodb:${action}`, resource: "table" });
const object = (action: string): IamAction => ({ action: `s3:${action}`, resource: "object" });
const bucket = (action: string): IamAction => ({ action: `s3:${action}`, resource: "bucket" });

/**
 * Commands of @aws-sdk/lib-dynamodb, @aws-sdk/client-dynamodb and @aws-sdk/client-s3. A
 * command missing here makes the usage test fail with its name, so add it when the code starts
 * calling it.
 */
export const SDK_COMMAND_ACTIONS: Record<string, IamAction[]> = {
  // lib-dynamodb (documents) and their client-dynamodb equivalents.
  GetCommand: [table("GetItem")],
  GetItemCommand: [table("GetItem")],
  PutCommand: [table("PutItem")],
  PutItemCommand: [table("PutItem")],
  UpdateCommand: [table("UpdateItem")],
  UpdateItemCommand: [table("UpdateItem")],
  DeleteCommand: [table("DeleteItem")],
  DeleteItemCommand: [table("DeleteItem")],
  QueryCommand: [table("Query")],
  ScanCommand: [table("Scan")],
  BatchGetCommand: [table("BatchGetItem")],
  BatchWriteCommand: [table("BatchWriteItem")],
  // IAM has no TransactWriteItems / TransactGetItems actions: each item of a transaction is
  // authorised as its own action (see TRANSACT_ITEM_ACTIONS), which the scan finds separately.
  TransactWriteCommand: [],
  TransactWriteItemsCommand: [],
  TransactGetCommand: [table("GetItem")],
  TransactGetItemsCommand: [table("GetItem")],
  DescribeTableCommand: [table("DescribeTable")],
  // S3. A presigned URL is used with its signer's permissions, so presigning counts as calling.
  GetObjectCommand: [object("GetObject")],
  HeadObjectCommand: [object("GetObject")],
  // The presigned PUT carries the temp-upload tag (lib/s3/presign.ts); S3 authorises a PUT
  // with x-amz-tagging as PutObjectTagging too.
  PutObjectCommand: [object("PutObject"), object("PutObjectTagging")],
  // Reads the source, writes the target; replacing the tags with none needs nothing more.
  CopyObjectCommand: [object("GetObject"), object("PutObject")],
  DeleteObjectCommand: [object("DeleteObject")],
  HeadBucketCommand: [bucket("ListBucket")],
  ListObjectsV2Command: [bucket("ListBucket")],
};

/** The write kinds of a TransactWriteItems call (`{ Put: … }`, `{ Update: … }`, …). */
export const TRANSACT_ITEM_ACTIONS: Record<string, IamAction> = {
  Put: table("PutItem"),
  Update: table("UpdateItem"),
  Delete: table("DeleteItem"),
  ConditionCheck: table("ConditionCheckItem"),
};

/** The IAM actions of a set of calls, by the resource they apply to (sorted, no repeats). */
export function actionsFor(commands: Iterable<string>, transactItems: Iterable<string> = []): Record<ResourceKind, string[]> {
  const found: IamAction[] = [];
  for (const command of commands) {
    const actions = SDK_COMMAND_ACTIONS[command];
    if (!actions) throw new Error(`${command} has no IAM action in lib/infra/sdk-actions.ts: add it`);
    found.push(...actions);
  }
  for (const kind of transactItems) {
    const action = TRANSACT_ITEM_ACTIONS[kind];
    if (!action) throw new Error(`Unknown transaction item kind ${kind}`);
    found.push(action);
  }
  const by = (resource: ResourceKind) => [...new Set(found.filter((a) => a.resource === resource).map((a) => a.action))].sort();
  return { table: by("table"), object: by("object"), bucket: by("bucket") };
}

/** The calls a program makes: SDK command classes and the kinds of transaction items it writes. */
export interface ProgramCalls {
  commands: readonly string[];
  transactItems: readonly string[];
}

/**
 * What the Next.js app calls (everything app/ and proxy.ts import). Scan is not here: only the
 * operator's `npm run storage:check` scans (lib/db/scan-table.ts), with the operator's own
 * credentials, so a leaked app credential cannot read a whole table in one call.
 */
export const APP_CALLS: ProgramCalls = {
  commands: [
    "BatchGetCommand",
    "BatchWriteCommand",
    "CopyObjectCommand",
    "DeleteCommand",
    "DeleteObjectCommand",
    "DescribeTableCommand",
    "GetCommand",
    "GetObjectCommand",
    "HeadBucketCommand",
    "HeadObjectCommand",
    "PutCommand",
    "PutObjectCommand",
    "QueryCommand",
    "TransactWriteCommand",
    "UpdateCommand",
  ],
  transactItems: ["ConditionCheck", "Delete", "Put", "Update"],
};
