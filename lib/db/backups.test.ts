import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import { backupName, backupTableNames, backupTables } from "./backups";
import { TABLES } from "./tables";

// DynamoDB Local has no CreateBackup (it answers UnknownOperationException), so the command runs
// against a real SDK client whose middleware answers CreateBackup and DescribeBackup the way
// DynamoDB does: the accepted way of faking a call the local service lacks. Nothing reaches the
// network (the endpoint is a closed port, and any other command fails the test).
function answeringClient() {
  const calls: { command: string; input: Record<string, unknown> }[] = [];
  const describes = new Map<string, number>();
  const client = new DynamoDBClient({ region: "eu-west-1", endpoint: "http://127.0.0.1:9", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
  client.middlewareStack.add(
    (_next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      calls.push({ command: context.commandName!, input });
      if (context.commandName === "CreateBackupCommand") {
        const arn = `arn:aws:dynamodb:eu-west-1:123456789012:table/${String(input.TableName)}/backup/01${String(input.BackupName).length}`;
        return { output: { $metadata: {}, BackupDetails: { BackupArn: arn, BackupName: input.BackupName, BackupStatus: "CREATING" } }, response: {} } as never;
      }
      if (context.commandName === "DescribeBackupCommand") {
        // CREATING on the first look, AVAILABLE on the second: the command must wait.
        const seen = (describes.get(String(input.BackupArn)) ?? 0) + 1;
        describes.set(String(input.BackupArn), seen);
        return { output: { $metadata: {}, BackupDescription: { BackupDetails: { BackupStatus: seen > 1 ? "AVAILABLE" : "CREATING" } } }, response: {} } as never;
      }
      throw new Error(`unexpected ${context.commandName}`);
    },
    { step: "initialize", name: "answer-backups" },
  );
  return { client, calls, describes };
}

describe("on-demand table backups", () => {
  let destroy: (() => void) | undefined;
  afterEach(() => destroy?.());

  it("covers every table of lib/db/tables.ts under the prefix", () => {
    expect(backupTableNames("prod-")).toEqual(Object.values(TABLES).map((t) => `prod-${t.baseName}`));
  });

  it("names a backup by table, label and UTC time, with only the characters DynamoDB allows", () => {
    const at = new Date("2026-12-03T15:04:05.678Z");
    expect(backupName("prework-users", "pre-migration", at)).toBe("prework-users-pre-migration-20261203T150405Z");
    expect(backupName("prework-users", "v2 / risky!", at)).toBe("prework-users-v2-risky-20261203T150405Z");
    expect(backupName("prework-users", "  ", at)).toBe("prework-users-backup-20261203T150405Z");
    expect(backupName("p".repeat(255), "x", at)).toHaveLength(255);
  });

  it("backs up every table, waits until each is AVAILABLE and returns the ARNs", async () => {
    const { client, calls, describes } = answeringClient();
    destroy = () => client.destroy();
    const now = new Date("2026-12-03T15:04:05Z");
    const backups = await backupTables(client, "prework-", { label: "before-v2", now, pollMs: 1 });

    expect(backups.map((b) => b.table)).toEqual(backupTableNames("prework-"));
    for (const backup of backups) {
      expect(backup.name).toBe(backupName(backup.table, "before-v2", now));
      expect(backup.arn).toMatch(new RegExp(`^arn:aws:dynamodb:eu-west-1:123456789012:table/${backup.table}/backup/`));
      expect(describes.get(backup.arn)).toBe(2);
    }
    expect(calls.filter((c) => c.command === "CreateBackupCommand").map((c) => c.input)).toEqual(backups.map((b) => ({ TableName: b.table, BackupName: b.name })));
  });
});
