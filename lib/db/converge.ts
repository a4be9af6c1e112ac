// Brings a DynamoDB endpoint in line with lib/db/tables.ts: creates missing tables, adds missing
// GSIs to existing tables and turns TTL on where it is off. Idempotent, so a developer's
// .data/ survives the schema growing. Used by the local bootstrap and the tests; the CDK app's
// tables (lib/infra/tables.ts) come from the same description, and lib/infra/stack.test.ts
// checks them against createTableInput.
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  type TableDescription,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";
import { type IndexDefinition, type KeyAttribute, TABLES, type TableDefinition, tableName, type TableId } from "./tables";

function keySchema(pk: KeyAttribute, sk?: KeyAttribute) {
  return [
    { AttributeName: pk.name, KeyType: "HASH" as const },
    ...(sk ? [{ AttributeName: sk.name, KeyType: "RANGE" as const }] : []),
  ];
}

function attributeDefinitions(keys: KeyAttribute[]) {
  const seen = new Map<string, KeyAttribute>();
  for (const k of keys) seen.set(k.name, k);
  return [...seen.values()].map((k) => ({ AttributeName: k.name, AttributeType: k.type }));
}

function indexKeys(index: IndexDefinition): KeyAttribute[] {
  return index.sortKey ? [index.partitionKey, index.sortKey] : [index.partitionKey];
}

function gsiSpec(index: IndexDefinition) {
  return {
    IndexName: index.name,
    KeySchema: keySchema(index.partitionKey, index.sortKey),
    Projection: { ProjectionType: "ALL" as const },
  };
}

export function createTableInput(prefix: string, id: TableId) {
  const def: TableDefinition = TABLES[id];
  const allKeys = [def.partitionKey, ...(def.sortKey ? [def.sortKey] : []), ...def.indexes.flatMap(indexKeys)];
  return {
    TableName: tableName(prefix, id),
    BillingMode: "PAY_PER_REQUEST" as const,
    KeySchema: keySchema(def.partitionKey, def.sortKey),
    AttributeDefinitions: attributeDefinitions(allKeys),
    ...(def.indexes.length ? { GlobalSecondaryIndexes: def.indexes.map(gsiSpec) } : {}),
    ...(def.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: def.stream } } : {}),
  };
}

async function describe(client: DynamoDBClient, name: string): Promise<TableDescription | null> {
  try {
    const out = await client.send(new DescribeTableCommand({ TableName: name }));
    return out.Table ?? null;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return null;
    throw error;
  }
}

export interface ConvergeReport {
  created: string[];
  indexesAdded: string[];
  ttlEnabled: string[];
  streamsEnabled: string[];
}

export async function convergeTables(client: DynamoDBClient, prefix: string): Promise<ConvergeReport> {
  const report: ConvergeReport = { created: [], indexesAdded: [], ttlEnabled: [], streamsEnabled: [] };
  await Promise.all(
    (Object.keys(TABLES) as TableId[]).map(async (id) => {
      const def: TableDefinition = TABLES[id];
      const name = tableName(prefix, id);
      const existing = await describe(client, name);
      if (!existing) {
        await client.send(new CreateTableCommand(createTableInput(prefix, id)));
        await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1 }, { TableName: name });
        report.created.push(name);
      } else {
        const present = new Set((existing.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
        // DynamoDB accepts one new GSI per UpdateTable call.
        for (const index of def.indexes.filter((i) => !present.has(i.name))) {
          await client.send(
            new UpdateTableCommand({
              TableName: name,
              AttributeDefinitions: attributeDefinitions(indexKeys(index)),
              GlobalSecondaryIndexUpdates: [{ Create: gsiSpec(index) }],
            }),
          );
          report.indexesAdded.push(`${name}.${index.name}`);
        }
        if (def.stream && !existing.StreamSpecification?.StreamEnabled) {
          await client.send(new UpdateTableCommand({ TableName: name, StreamSpecification: { StreamEnabled: true, StreamViewType: def.stream } }));
          report.streamsEnabled.push(name);
        }
      }
      if (def.ttlAttribute) {
        // UpdateTimeToLive on a table that already has it is an error, so look first.
        const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: name }));
        const status = ttl.TimeToLiveDescription?.TimeToLiveStatus;
        if (status !== "ENABLED" && status !== "ENABLING") {
          await client.send(
            new UpdateTimeToLiveCommand({
              TableName: name,
              TimeToLiveSpecification: { AttributeName: def.ttlAttribute, Enabled: true },
            }),
          );
          report.ttlEnabled.push(name);
        }
      }
    }),
  );
  return report;
}
