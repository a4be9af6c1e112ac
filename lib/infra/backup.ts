// Scheduled backups of every table in AWS Backup, on top of each table's point-in-time recovery
// (35 days of continuous backup, set in lib/infra/tables.ts: AWS Backup's own continuous
// backups do not cover DynamoDB). Daily restore points for the same 35 days, monthly ones for a
// year. On-demand backups before a migration: `npm run data:backup` (scripts/backup-tables.ts).
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from "aws-cdk-lib/aws-backup";
import type { ITableV2 } from "aws-cdk-lib/aws-dynamodb";
import { Schedule } from "aws-cdk-lib/aws-events";
import { Construct } from "constructs";
import { PITR_RECOVERY_DAYS } from "./tables";

export const DAILY_RETENTION_DAYS = PITR_RECOVERY_DAYS;
export const MONTHLY_RETENTION_DAYS = 365;

export class TableBackups extends Construct {
  readonly plan: BackupPlan;

  constructor(scope: Construct, id: string, { tables }: { tables: ITableV2[] }) {
    super(scope, id);
    // Restore points outlive the stack, like the tables.
    const vault = new BackupVault(this, "Vault", { removalPolicy: RemovalPolicy.RETAIN });
    this.plan = new BackupPlan(this, "Plan", {
      backupVault: vault,
      backupPlanRules: [
        new BackupPlanRule({ ruleName: "daily", scheduleExpression: Schedule.cron({ hour: "3", minute: "0" }), deleteAfter: Duration.days(DAILY_RETENTION_DAYS) }),
        new BackupPlanRule({ ruleName: "monthly", scheduleExpression: Schedule.cron({ day: "1", hour: "4", minute: "0" }), deleteAfter: Duration.days(MONTHLY_RETENTION_DAYS) }),
      ],
    });
    this.plan.addSelection("Tables", { resources: tables.map((t) => BackupResource.fromArn(t.tableArn)) });
  }
}
