// `npm run data:backup [-- --label before-v2]`: an on-demand backup of every table, waited for,
// with the ARNs printed (docs/deploy.md: take one before a migration). Uses the environment the
// app does (AWS_REGION, TABLE_PREFIX, the SDK's credentials); the operator's credentials need
// dynamodb:CreateBackup and DescribeBackup, which the app role deliberately lacks.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { backupTables } from "../lib/db/backups";
import { env } from "../lib/env";

function labelFrom(args: string[]): string {
  const at = args.indexOf("--label");
  return (at >= 0 ? args[at + 1] : args.find((a) => a.startsWith("--label="))?.slice(8)) ?? "pre-migration";
}

async function main() {
  const { AWS_REGION, DYNAMODB_ENDPOINT, TABLE_PREFIX } = env();
  if (DYNAMODB_ENDPOINT) throw new Error("DYNAMODB_ENDPOINT is set: DynamoDB Local has no backups (copy .data/ instead). Unset it to back up the AWS tables.");
  const client = new DynamoDBClient({ region: AWS_REGION });
  try {
    const label = labelFrom(process.argv.slice(2));
    console.log(`Backing up the ${TABLE_PREFIX}* tables in ${AWS_REGION} (label "${label}")…`);
    for (const backup of await backupTables(client, TABLE_PREFIX, { label })) console.log(`${backup.table}\t${backup.arn}`);
  } finally {
    client.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
