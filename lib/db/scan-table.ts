import "server-only";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { db, table } from "./client";
import type { TableId } from "./tables";

// Every item of one table, strongly consistent. A Scan reads the whole table whatever it is
// asked for, so it is never a request path (pages and actions Query an index with a cursor,
// docs/architecture.md §3): only tools that must see everything call it — the operator's
// `npm run storage:check` and the test checkers that verify invariants across all items.

type Item = Record<string, unknown>;

export interface ScanOptions {
  projection?: string;
  names?: Record<string, string>;
  filter?: { expression: string; values: Item };
}

export async function scanTable(id: TableId, { projection, names, filter }: ScanOptions = {}): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await db().send(
      new ScanCommand({
        TableName: table(id),
        ...(projection ? { ProjectionExpression: projection } : {}),
        ...(names ? { ExpressionAttributeNames: names } : {}),
        ...(filter ? { FilterExpression: filter.expression, ExpressionAttributeValues: filter.values } : {}),
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
