import "server-only";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { withAppCredentials } from "@/lib/aws-credentials";
import { env } from "@/lib/env";
import { tableName, type TableId } from "./tables";

let documentClient: DynamoDBDocumentClient | undefined;

/** The one DynamoDB client of the process (the SDK pools connections per client). */
export function db(): DynamoDBDocumentClient {
  if (documentClient) return documentClient;
  const { AWS_REGION, DYNAMODB_ENDPOINT } = env();
  const base = new DynamoDBClient({
    region: AWS_REGION,
    ...(DYNAMODB_ENDPOINT
      ? { endpoint: DYNAMODB_ENDPOINT, credentials: { accessKeyId: "local", secretAccessKey: "local" } }
      : withAppCredentials()),
    maxAttempts: 3,
  });
  documentClient = DynamoDBDocumentClient.from(base, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return documentClient;
}

export function table(id: TableId): string {
  return tableName(env().TABLE_PREFIX, id);
}
