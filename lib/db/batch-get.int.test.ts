import { randomUUID } from "node:crypto";
import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { batchGetAll } from "./batch-get";
import { db, table } from "./client";
import { aroundRequests } from "./testing/sdk-middleware";

// batchGetAll against DynamoDB Local, with BatchGetItem's partial answers made to happen: SDK
// middleware on the real client withholds keys from a request and hands them back as
// UnprocessedKeys, as DynamoDB does under throttling or past 16 MB.

type Keys = Array<Record<string, unknown>>;
type Request = Record<string, { Keys: Keys }>;

const run = randomUUID();
const counterKeys = Array.from({ length: 170 }, (_, i) => ({ key: `batch-get-test#${run}#${i}` }));
const limitKeys = Array.from({ length: 60 }, (_, i) => ({ key: `batch-get-test#${run}#${i}` }));

async function put(tableName: string, items: Array<Record<string, unknown>>) {
  for (let i = 0; i < items.length; i += 25) {
    let pending: Array<Record<string, unknown>> = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (pending.length) {
      const out = await db().send(new BatchWriteCommand({ RequestItems: { [tableName]: pending as never } }));
      pending = (out.UnprocessedItems?.[tableName] ?? []) as Array<Record<string, unknown>>;
    }
  }
}

const removers: Array<() => void> = [];
afterEach(() => {
  while (removers.length) removers.pop()?.();
});

/** Records every BatchGetItem request and withholds the keys `withhold` picks from it. */
function interceptBatchGets(withhold: (key: Record<string, unknown>) => boolean) {
  const requests: Request[] = [];
  removers.push(
    aroundRequests(async (input, send) => {
      if (!input.RequestItems) return send(input);
      const request = structuredClone(input.RequestItems) as Request;
      requests.push(request);
      const sent: Request = {};
      const unprocessed: Request = {};
      for (const [name, spec] of Object.entries(request)) {
        const held = new Set(spec.Keys.filter((k) => withhold(k)));
        const kept = spec.Keys.filter((k) => !held.has(k));
        if (kept.length) sent[name] = { ...spec, Keys: kept };
        if (held.size) unprocessed[name] = { ...spec, Keys: [...held] };
      }
      // With every key withheld there is nothing to send: DynamoDB refuses an empty request.
      const output = Object.keys(sent).length ? await send({ ...input, RequestItems: sent }) : { Responses: {} };
      return { ...output, UnprocessedKeys: Object.keys(unprocessed).length ? unprocessed : undefined };
    }),
  );
  return requests;
}

const keyCount = (request: Request) => Object.values(request).reduce((n, spec) => n + spec.Keys.length, 0);
const keysOf = (items: Array<Record<string, unknown>> | undefined) => (items ?? []).map((item) => String(item.key)).sort();
const names = (keys: Keys) => keys.map((k) => String(k.key)).sort();

beforeAll(async () => {
  await put(table("counters"), counterKeys.map((k, i) => ({ ...k, n: i })));
  await put(table("rateLimits"), limitKeys.map((k) => ({ ...k, attempts: 1 })));
});

describe("batchGetAll", () => {
  it("splits more than 100 keys, across tables, into calls of at most 100", async () => {
    const requests = interceptBatchGets(() => false);
    const missing = { key: `batch-get-test#${run}#absent` };
    const found = await batchGetAll({ [table("counters")]: { Keys: [...counterKeys, missing] }, [table("rateLimits")]: { Keys: limitKeys } });

    expect(requests.map(keyCount)).toEqual([100, 100, 31]);
    expect(keysOf(found.get(table("counters")))).toEqual(names(counterKeys));
    expect(keysOf(found.get(table("rateLimits")))).toEqual(names(limitKeys));
  });

  it("asks again for keys handed back unprocessed until every item is in", async () => {
    // Every third key is withheld the first two times it is asked for.
    const asked = new Map<string, number>();
    const requests = interceptBatchGets((k) => {
      const seen = (asked.get(String(k.key)) ?? 0) + 1;
      asked.set(String(k.key), seen);
      return Number(String(k.key).split("#").at(-1)) % 3 === 0 && seen <= 2;
    });
    const found = await batchGetAll({ [table("counters")]: { Keys: counterKeys } });

    expect(keysOf(found.get(table("counters")))).toEqual(names(counterKeys));
    expect(requests.every((r) => keyCount(r) <= 100)).toBe(true);
    // Two chunks, each asked three times (the withheld keys twice more).
    expect(requests).toHaveLength(6);
  });

  it("fails rather than return a partial answer when keys stay unprocessed", async () => {
    interceptBatchGets((k) => String(k.key).endsWith("#7"));
    await expect(batchGetAll({ [table("counters")]: { Keys: counterKeys.slice(0, 10) } })).rejects.toThrow(/unprocessed/);
  });
});
