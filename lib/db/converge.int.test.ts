// convergeTables against the real DynamoDB Local started by scripts/vitest-global-setup.ts (which
// already converged TABLE_PREFIX once, exactly as `npm run dev` does).
import { randomBytes } from "node:crypto";
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { convergeTables, createTableInput } from "./converge";
import { INDEX, TABLES, type TableDefinition, tableName, type TableId } from "./tables";

const client = new DynamoDBClient({
  endpoint: process.env.DYNAMODB_ENDPOINT,
  region: "us-east-1",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
});
const prefix = process.env.TABLE_PREFIX ?? "";
const ids = Object.keys(TABLES) as TableId[];
const extraTables: string[] = [];

afterAll(async () => {
  await Promise.all(extraTables.map((TableName) => client.send(new DeleteTableCommand({ TableName })).catch(() => undefined)));
  client.destroy();
});

async function expectConverged(tablePrefix: string): Promise<void> {
  for (const id of ids) {
    const def: TableDefinition = TABLES[id];
    const name = tableName(tablePrefix, id);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    expect(Table?.TableStatus, name).toBe("ACTIVE");
    expect(Table?.KeySchema?.find((k) => k.KeyType === "HASH")?.AttributeName, name).toBe(def.partitionKey.name);
    const indexes = (Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName).sort();
    expect(indexes, name).toEqual(def.indexes.map((i) => i.name).sort());
    for (const index of def.indexes) {
      const gsi = Table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === index.name);
      expect(gsi?.KeySchema, `${name}.${index.name}`).toEqual([
        { AttributeName: index.partitionKey.name, KeyType: "HASH" },
        ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: "RANGE" }] : []),
      ]);
    }
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: name }));
    if (def.ttlAttribute) {
      expect(ttl.TimeToLiveDescription?.TimeToLiveStatus, name).toBe("ENABLED");
      expect(ttl.TimeToLiveDescription?.AttributeName, name).toBe(def.ttlAttribute);
    } else {
      expect(ttl.TimeToLiveDescription?.TimeToLiveStatus, name).toBe("DISABLED");
    }
    expect(Table?.StreamSpecification?.StreamEnabled ? Table.StreamSpecification.StreamViewType : undefined, name).toBe(def.stream);
  }
}

describe("convergeTables", () => {
  it("has created every table with its indexes and TTL", async () => {
    await expectConverged(prefix);
  });

  it("is idempotent: a second run creates nothing", async () => {
    const report = await convergeTables(client, prefix);
    expect(report).toEqual({ created: [], indexesAdded: [], ttlEnabled: [], streamsEnabled: [] });
  });

  it("adds a missing GSI and turns on missing TTL and streams on existing tables", async () => {
    const other = `conv-${randomBytes(4).toString("hex")}-`;
    const users = tableName(other, "users");
    const files = tableName(other, "files");
    extraTables.push(...ids.map((id) => tableName(other, id)));

    // An older users table without Role-Index (attribute definitions must match the keys used).
    const full = createTableInput(other, "users");
    const gsis = full.GlobalSecondaryIndexes?.filter((g) => g.IndexName !== INDEX.users.role) ?? [];
    const used = new Set([...full.KeySchema, ...gsis.flatMap((g) => g.KeySchema)].map((k) => k.AttributeName));
    await client.send(
      new CreateTableCommand({
        ...full,
        GlobalSecondaryIndexes: gsis,
        AttributeDefinitions: full.AttributeDefinitions.filter((a) => used.has(a.AttributeName)),
      }),
    );
    // A files table created without its TTL setting and without its change stream.
    const filesWithoutStream = { ...createTableInput(other, "files"), StreamSpecification: undefined };
    await client.send(new CreateTableCommand(filesWithoutStream));
    await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName: users });
    await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName: files });

    const report = await convergeTables(client, other);
    expect(report.indexesAdded).toEqual([`${users}.${INDEX.users.role}`]);
    expect(report.created.sort()).toEqual(
      ids
        .filter((id) => id !== "users" && id !== "files")
        .map((id) => tableName(other, id))
        .sort(),
    );
    expect(report.ttlEnabled.sort()).toEqual(
      ids
        .filter((id) => (TABLES[id] as TableDefinition).ttlAttribute)
        .map((id) => tableName(other, id))
        .sort(),
    );
    expect(report.streamsEnabled).toEqual([files]);
    await expectConverged(other);

    expect(await convergeTables(client, other)).toEqual({ created: [], indexesAdded: [], ttlEnabled: [], streamsEnabled: [] });
  });
});
