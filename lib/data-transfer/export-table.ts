import "server-only";
import path from "node:path";
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { db, table } from "@/lib/db/client";
import { scanPage } from "@/lib/db/scan-table";
import type { TableId } from "@/lib/db/tables";
import { decodeItem, encodeItem } from "./attribute-json";
import { appendDurably, truncateTo } from "./files";
import type { TableProgress } from "./manifest";
import type { OnProgress } from "./progress-events";
import { withRetry } from "./retry";

// One table into tables/<table>.jsonl, a page at a time: the page's lines are appended and
// synced, then the checkpoint (the manifest's entry for the table: lines, bytes, the scan's
// LastEvaluatedKey) is saved, so nothing is ever held beyond one page and a resumed run neither
// repeats nor misses an item. The scan is strongly consistent but not a snapshot: items written
// while it runs may or may not be in the export (docs/deploy.md says how to get a
// consistent copy).

export interface TableExportOptions {
  dir: string;
  /** Items per Scan page; DynamoDB's 1 MB pages when unset. */
  pageSize?: number;
  signal?: AbortSignal;
  onProgress?: OnProgress;
  /** Saves the manifest; called after every page. */
  checkpoint: () => Promise<void>;
}

export function newTableProgress(id: TableId): TableProgress {
  return { file: path.join("tables", `${id}.jsonl`), items: 0, bytes: 0, pages: 0, lastKey: null, done: false };
}

/** DynamoDB's item count for the progress bar; approximate (it is refreshed every few hours). */
async function approximateCount(id: TableId): Promise<number | undefined> {
  try {
    const out = await db().send(new DescribeTableCommand({ TableName: table(id) }));
    return out.Table?.ItemCount;
  } catch {
    return undefined;
  }
}

export async function exportTable(id: TableId, state: TableProgress, options: TableExportOptions): Promise<void> {
  if (state.done) return;
  const { dir, pageSize, signal, onProgress, checkpoint } = options;
  const file = path.join(dir, state.file);
  await truncateTo(file, state.bytes);
  const total = await approximateCount(id);
  const report = () => onProgress?.({ phase: id, done: state.items, total, approximate: true, bytes: state.bytes, finished: state.done });
  report();

  while (!state.done) {
    signal?.throwIfAborted();
    const startKey = state.lastKey ? decodeItem(state.lastKey) : undefined;
    const page = await withRetry(`scanning ${table(id)}`, () => scanPage(id, { startKey, limit: pageSize, signal }), { signal });
    const lines = page.items.map((item) => `${JSON.stringify({ Item: encodeItem(item) })}\n`).join("");
    if (lines) await appendDurably(file, lines);
    state.items += page.items.length;
    state.bytes += Buffer.byteLength(lines, "utf8");
    state.pages += 1;
    state.lastKey = page.lastKey ? encodeItem(page.lastKey) : null;
    state.done = !page.lastKey;
    await checkpoint();
    report();
  }
}
