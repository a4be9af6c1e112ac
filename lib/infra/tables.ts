// Every table of lib/db/tables.ts as a DynamoDB table: the same keys, indexes, TTL and stream
// the local setup creates (lib/db/converge.ts), plus what only AWS has: point-in-time recovery,
// deletion protection, encryption with the AWS-managed key and capacity. TableV2 (a
// CloudFormation GlobalTable) because it expresses auto-scaling per GSI and the PITR recovery
// period; the older Table needs separate scaling resources for each index.
import { RemovalPolicy } from "aws-cdk-lib";
import { AttributeType, Billing, Capacity, type ITableV2, StreamViewType, TableEncryptionV2, TableV2 } from "aws-cdk-lib/aws-dynamodb";
import { Construct } from "constructs";
import { type KeyAttribute, TABLES, type TableDefinition, tableName, type TableId } from "@/lib/db/tables";
import type { BillingChoice } from "./settings";

/** The spec's capacity (database-schema.md, "Read/Write Capacity") where it names one. */
const SEED_CAPACITY: Partial<Record<TableId, { read: number; write: number }>> = {
  users: { read: 5, write: 5 },
  userProfiles: { read: 10, write: 5 },
  auditLogs: { read: 5, write: 10 },
};
/** The small tables (guards, counters, sessions, throttles) start where users does. */
const DEFAULT_CAPACITY = { read: 5, write: 5 };
/** Auto-scaling grows capacity up to this multiple of the seed before requests throttle. */
const SCALE_UP_TO = 20;
const TARGET_UTILIZATION_PERCENT = 70;
export const PITR_RECOVERY_DAYS = 35;

export function seedCapacity(id: TableId): { read: number; write: number } {
  return SEED_CAPACITY[id] ?? DEFAULT_CAPACITY;
}

function autoscaled(units: number): Capacity {
  return Capacity.autoscaled({ minCapacity: units, maxCapacity: units * SCALE_UP_TO, targetUtilizationPercent: TARGET_UTILIZATION_PERCENT });
}

function attribute(key: KeyAttribute) {
  return { name: key.name, type: key.type === "S" ? AttributeType.STRING : AttributeType.NUMBER };
}

function billingOf(id: TableId, choice: BillingChoice): Billing {
  if (choice === "on-demand") return Billing.onDemand();
  const { read, write } = seedCapacity(id);
  return Billing.provisioned({ readCapacity: autoscaled(read), writeCapacity: autoscaled(write) });
}

export interface AppTablesProps {
  prefix: string;
  billing: BillingChoice;
}

export class AppTables extends Construct {
  readonly byId: Record<TableId, ITableV2>;

  constructor(scope: Construct, id: string, { prefix, billing }: AppTablesProps) {
    super(scope, id);
    const byId: Partial<Record<TableId, ITableV2>> = {};
    for (const tableId of Object.keys(TABLES) as TableId[]) byId[tableId] = this.table(tableId, prefix, billing);
    this.byId = byId as Record<TableId, ITableV2>;
  }

  get all(): ITableV2[] {
    return Object.values(this.byId);
  }

  private table(id: TableId, prefix: string, billing: BillingChoice): TableV2 {
    const def: TableDefinition = TABLES[id];
    const { read, write } = seedCapacity(id);
    return new TableV2(this, id, {
      tableName: tableName(prefix, id),
      partitionKey: attribute(def.partitionKey),
      ...(def.sortKey ? { sortKey: attribute(def.sortKey) } : {}),
      // Indexes project everything, as the local tables do: repositories read whole items from them.
      globalSecondaryIndexes: def.indexes.map((index) => ({
        indexName: index.name,
        partitionKey: attribute(index.partitionKey),
        ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
        ...(billing === "provisioned" ? { readCapacity: autoscaled(read), writeCapacity: autoscaled(write) } : {}),
      })),
      ...(def.ttlAttribute ? { timeToLiveAttribute: def.ttlAttribute } : {}),
      ...(def.stream ? { dynamoStream: StreamViewType[def.stream] } : {}),
      billing: billingOf(id, billing),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: PITR_RECOVERY_DAYS },
      deletionProtection: true,
      encryption: TableEncryptionV2.awsManagedKey(),
      // Data outlives the stack: deleting the stack leaves the tables (and deletion protection
      // refuses a table delete until someone turns it off on purpose).
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
