// Test support: gives one test file tables of its own (a fresh prefix on the shared DynamoDB
// Local), for invariants over the whole table such as "the last active admin". Call it at the
// top of the file, before anything reads the configuration.
import { randomBytes } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { switchTablePrefixForTests } from "@/lib/env";
import { convergeTables } from "../converge";

export async function useIsolatedTables(): Promise<string> {
  const prefix = `solo-${randomBytes(4).toString("hex")}-`;
  const { DYNAMODB_ENDPOINT } = switchTablePrefixForTests(prefix);
  const client = new DynamoDBClient({
    endpoint: DYNAMODB_ENDPOINT,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  await convergeTables(client, prefix);
  client.destroy();
  return prefix;
}
