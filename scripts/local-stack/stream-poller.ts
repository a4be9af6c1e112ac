// Reads a DynamoDB Local table's change stream and hands each batch of records to a handler:
// what Lambda's event source mapping does on AWS, for `npm run dev` and the tests. One reader
// per shard from the oldest record still in it; a batch whose handler throws is read again from
// the same position after a pause (at least once, like Lambda), so a brief S3 or DynamoDB outage
// delays the work instead of losing it.
import { DescribeTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record } from "@aws-sdk/client-dynamodb-streams";

export interface StreamPoller {
  stop(): Promise<void>;
}

interface Options {
  client: DynamoDBClient;
  endpoint: string;
  tableName: string;
  handle: (records: _Record[]) => Promise<unknown>;
  /** How long to wait when a shard has nothing new, or after a failed batch. */
  idleMs?: number;
  onError?: (error: unknown) => void;
}

export async function startStreamPoller({ client, endpoint, tableName, handle, idleMs = 1000, onError = (e) => console.error("stream handler failed", e) }: Options): Promise<StreamPoller> {
  const streams = new DynamoDBStreamsClient({ endpoint, region: await client.config.region(), credentials: await client.config.credentials() });
  const arn = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table?.LatestStreamArn;
  if (!arn) throw new Error(`${tableName} has no stream`);

  let running = true;
  let wake: (() => void) | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  // Where each shard was read up to. A fresh iterator is taken every round (after the last
  // handled record, or from the oldest): DynamoDB Local refuses an iterator handed back by an
  // empty read once records arrive (TrimmedDataAccessException), and on AWS iterators expire.
  const lastHandled = new Map<string, string | null>();
  // Shards change rarely (DynamoDB Local keeps one per table): look for new ones every tenth round.
  let round = 0;
  async function refreshShards() {
    if (round++ % 10 !== 0 && lastHandled.size) return;
    const shards = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription?.Shards ?? [];
    for (const shard of shards) if (shard.ShardId && !lastHandled.has(shard.ShardId)) lastHandled.set(shard.ShardId, null);
  }

  const loop = (async () => {
    while (running) {
      let found = false;
      try {
        await refreshShards();
        for (const [shardId, after] of lastHandled) {
          const { ShardIterator } = await streams.send(
            new GetShardIteratorCommand(
              after
                ? { StreamArn: arn, ShardId: shardId, ShardIteratorType: "AFTER_SEQUENCE_NUMBER", SequenceNumber: after }
                : { StreamArn: arn, ShardId: shardId, ShardIteratorType: "TRIM_HORIZON" },
            ),
          );
          if (!ShardIterator) continue;
          const out = await streams.send(new GetRecordsCommand({ ShardIterator, Limit: 100 }));
          const records = out.Records ?? [];
          if (!records.length) continue;
          found = true;
          await handle(records);
          // Only once handled does the position move on.
          lastHandled.set(shardId, records.at(-1)?.dynamodb?.SequenceNumber ?? after);
        }
      } catch (error) {
        if (!running) break;
        onError(error);
        found = false;
      }
      if (!found) await sleep(idleMs);
    }
  })();

  return {
    async stop() {
      running = false;
      wake?.();
      await loop;
      streams.destroy();
    },
  };
}
