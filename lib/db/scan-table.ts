import "server-only";
import { type AttributeValue, ScanCommand } from "@aws-sdk/client-dynamodb";
import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";
import { db, table } from "./client";
import type { TableId } from "./tables";

// Every item of one table, strongly consistent. A Scan reads the whole table whatever it is
// asked for, so it is never a request path (pages and actions Query an index with a cursor,
// docs/architecture.md §3): only tools that must see everything call it — the operator's
// `npm run storage:check` and `npm run data:export`, and the test checkers that verify
// invariants across all items.

type Item = Record<string, unknown>;

/** An item as DynamoDB stores it: exact numbers, sets and binary, nothing converted. */
export type RawItem = Record<string, AttributeValue>;

export interface ScanOptions {
  projection?: string;
  names?: Record<string, string>;
  filter?: { expression: string; values: Item };
}

export interface ScanPagesOptions {
  /** Where a previous scan stopped (its page's `lastKey`): the scan goes on from there. */
  startKey?: RawItem;
  /** Items per page at most (DynamoDB's own limit is 1 MB a page). */
  limit?: number;
  signal?: AbortSignal;
  projection?: string;
  names?: Record<string, string>;
  filter?: { expression: string; values: RawItem };
}

export interface ScanPage {
  items: RawItem[];
  /** Absent on the last page. */
  lastKey?: RawItem;
}

/**
 * One page of the table in DynamoDB's own representation, for tools that must not hold a whole
 * table in memory or must copy items exactly (the low-level Scan, sent through the one client:
 * the document client would turn numbers into floats and binary into its own class).
 */
export async function scanPage(id: TableId, options: ScanPagesOptions = {}): Promise<ScanPage> {
  const { startKey, limit, signal, projection, names, filter } = options;
  const page = await db().send(
    new ScanCommand({
      TableName: table(id),
      ConsistentRead: true,
      ExclusiveStartKey: startKey,
      ...(limit ? { Limit: limit } : {}),
      ...(projection ? { ProjectionExpression: projection } : {}),
      ...(names ? { ExpressionAttributeNames: names } : {}),
      ...(filter ? { FilterExpression: filter.expression, ExpressionAttributeValues: filter.values } : {}),
    }),
    { abortSignal: signal },
  );
  return { items: page.Items ?? [], ...(page.LastEvaluatedKey ? { lastKey: page.LastEvaluatedKey } : {}) };
}

/** The table page by page, from `startKey` (or the start) to the end. */
export async function* scanPages(id: TableId, options: ScanPagesOptions = {}): AsyncGenerator<ScanPage> {
  let startKey = options.startKey;
  do {
    const page = await scanPage(id, { ...options, startKey });
    startKey = page.lastKey;
    yield page;
  } while (startKey);
}

/** Every item of the table as the document client reads it (plain JS values). */
export async function scanTable(id: TableId, { projection, names, filter }: ScanOptions = {}): Promise<Item[]> {
  const items: Item[] = [];
  const rawFilter = filter ? { expression: filter.expression, values: marshall(filter.values, { removeUndefinedValues: true }) } : undefined;
  for await (const page of scanPages(id, { projection, names, filter: rawFilter })) items.push(...page.items.map((item) => unmarshall(item)));
  return items;
}
