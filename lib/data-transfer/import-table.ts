import "server-only";
import path from "node:path";
import { type AttributeValue, ConditionalCheckFailedException, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { db, table } from "@/lib/db/client";
import { TABLES, type TableId } from "@/lib/db/tables";
import { canonicalItem, decodeItem, type JsonItem } from "./attribute-json";
import { lineBatches } from "./files";
import type { TableProgress } from "./manifest";
import type { OnProgress } from "./progress-events";
import { withRetry } from "./retry";

// One table's lines into DynamoDB, read line by line and written a batch at a time (each item
// its own conditional PutItem: BatchWriteItem cannot carry conditions). Whether an existing
// item may be replaced is decided by DynamoDB in the put's condition, not by a read before it:
//
// - items with a `version` (users, profiles, files) replace only a lower version;
// - else items with an `updatedAt` (credentials) replace only an earlier one;
// - anything else (guards, invites, counters, audit entries, sessions) is put only where its
//   key is absent;
// - with `overwrite`, every item is put as exported.
//
// An item the condition keeps is compared with what is there (returned by the refused put):
// the same item is "unchanged", anything else is "kept" and counted, so the summary tells a
// re-run apart from an import into an environment that moved on.

export interface TableImportProgress {
  /** Byte offset in the table's file of the next line to import. */
  offset: number;
  lines: number;
  written: number;
  unchanged: number;
  kept: number;
  done: boolean;
}

export interface TableImportOptions {
  dir: string;
  overwrite: boolean;
  /** Puts in flight at once. */
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: OnProgress;
  checkpoint: () => Promise<void>;
}

export function newTableImportProgress(): TableImportProgress {
  return { offset: 0, lines: 0, written: 0, unchanged: 0, kept: 0, done: false };
}

type Outcome = "written" | "unchanged" | "kept";

/** The attribute that says which copy of an item is newer, if the item has one. */
function freshness(item: Record<string, AttributeValue>): { name: string; value: AttributeValue } | null {
  if (item.version?.N !== undefined) return { name: "version", value: item.version };
  if (item.updatedAt?.S !== undefined) return { name: "updatedAt", value: item.updatedAt };
  return null;
}

async function putItem(id: TableId, item: Record<string, AttributeValue>, overwrite: boolean, signal?: AbortSignal): Promise<Outcome> {
  const TableName = table(id);
  if (overwrite) {
    const out = await db().send(new PutItemCommand({ TableName, Item: item, ReturnValues: "ALL_OLD" }), { abortSignal: signal });
    return out.Attributes && canonicalItem(out.Attributes) === canonicalItem(item) ? "unchanged" : "written";
  }
  const fresh = freshness(item);
  try {
    await db().send(
      new PutItemCommand({
        TableName,
        Item: item,
        ConditionExpression: fresh ? "attribute_not_exists(#key) OR #fresh < :fresh" : "attribute_not_exists(#key)",
        ExpressionAttributeNames: { "#key": TABLES[id].partitionKey.name, ...(fresh ? { "#fresh": fresh.name } : {}) },
        ...(fresh ? { ExpressionAttributeValues: { ":fresh": fresh.value } } : {}),
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      }),
      { abortSignal: signal },
    );
    return "written";
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return error.Item && canonicalItem(error.Item) === canonicalItem(item) ? "unchanged" : "kept";
  }
}

export async function importTable(id: TableId, exported: TableProgress, state: TableImportProgress, options: TableImportOptions): Promise<void> {
  if (state.done) return;
  const { dir, overwrite, batchSize = 25, signal, onProgress, checkpoint } = options;
  const report = () => onProgress?.({ phase: id, done: state.lines, total: exported.items, bytes: state.offset, finished: state.done });
  report();
  const parse = (text: string) => decodeItem((JSON.parse(text) as { Item: JsonItem }).Item);
  for await (const batch of lineBatches(path.join(dir, exported.file), state.offset, exported.bytes, batchSize, parse, signal)) {
    const outcomes = await Promise.all(batch.entries.map((item) => withRetry(`writing to ${table(id)}`, () => putItem(id, item, overwrite, signal), { signal })));
    for (const outcome of outcomes) state[outcome] += 1;
    state.lines += batch.entries.length;
    state.offset = batch.end;
    await checkpoint();
    report();
  }
  if (state.lines !== exported.items) {
    throw new Error(`${exported.file} held ${state.lines} items where the manifest counts ${exported.items}: the export was changed after it finished.`);
  }
  state.done = true;
  await checkpoint();
  report();
}
