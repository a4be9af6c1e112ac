import "server-only";
import { BatchGetCommand, type BatchGetCommandInput, type BatchGetCommandOutput } from "@aws-sdk/lib-dynamodb";
import { db } from "./client";

// BatchGetItem takes at most 100 keys per call and may hand some back unprocessed (under
// throttling or past 16 MB): this is the one place that splits, asks again with backoff, and
// gives up loudly rather than returning a partial answer as if it were whole.

type Request = NonNullable<BatchGetCommandInput["RequestItems"]>;
type Item = Record<string, unknown>;

const MAX_KEYS_PER_CALL = 100;
const MAX_ROUNDS = 6;

function chunks(request: Request): Request[] {
  const out: Request[] = [];
  let current: Request = {};
  let size = 0;
  for (const [tableName, spec] of Object.entries(request)) {
    const keys = spec.Keys ?? [];
    for (let i = 0; i < keys.length; ) {
      const room = MAX_KEYS_PER_CALL - size;
      const part = keys.slice(i, i + room);
      const existing = current[tableName];
      current[tableName] = { ...spec, Keys: [...(existing?.Keys ?? []), ...part] };
      size += part.length;
      i += part.length;
      if (size === MAX_KEYS_PER_CALL) {
        out.push(current);
        current = {};
        size = 0;
      }
    }
  }
  if (size > 0) out.push(current);
  return out;
}

/** Every item the request names that exists, by table name; keys that match nothing are absent. */
export async function batchGetAll(request: Request): Promise<Map<string, Item[]>> {
  const found = new Map<string, Item[]>(Object.keys(request).map((name) => [name, []]));
  for (const chunk of chunks(request)) {
    let pending: Request | undefined = chunk;
    for (let round = 0; pending && Object.keys(pending).length > 0; round++) {
      if (round === MAX_ROUNDS) throw new Error("BatchGetItem left keys unprocessed after repeated attempts");
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** round));
      const out: BatchGetCommandOutput = await db().send(new BatchGetCommand({ RequestItems: pending }));
      for (const [name, items] of Object.entries(out.Responses ?? {})) found.get(name)?.push(...items);
      pending = out.UnprocessedKeys;
    }
  }
  return found;
}
