// The files table's stream handler (lib/storage/file-stream.ts) as a Lambda: bundled from the
// app's own source by esbuild in-process (no Docker, no CLI), driven by an event source mapping
// that bisects a failing batch, retries a bounded number of times and sends what still fails to
// a dead-letter queue. Its role can do what the handler does and nothing else.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Duration, RemovalPolicy, SecretValue } from "aws-cdk-lib";
import type { ITableV2 } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { Architecture, Code, FilterCriteria, FilterRule, Function as LambdaFunction, Runtime, StartingPosition } from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq } from "aws-cdk-lib/aws-lambda-event-sources";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { buildSync } from "esbuild";
import type { TableId } from "@/lib/db/tables";

const ROOT = path.resolve(__dirname, "../..");
const ENTRY = "lib/storage/file-stream-lambda.ts";

/**
 * What the handler writes, per table and prefix: the S3 object of a removed file, then its
 * audit entry and the daily counter beside it in one transaction (lib/db/audit.ts auditPut).
 * lib/infra/stream-lambda.test.ts runs the handler and checks its calls against this.
 */
export const STREAM_LAMBDA_GRANTS = {
  tables: { auditLogs: ["dynamodb:PutItem"], counters: ["dynamodb:UpdateItem"] } satisfies Partial<Record<TableId, string[]>>,
  objects: { "users/": ["s3:DeleteObject"] },
};

let bundled: string | undefined;

/**
 * Bundles the Lambda entry into a temp directory, once per process (the source does not change
 * while it runs, and tests synthesize several stacks); the directory goes when the process ends.
 */
export function bundleStreamHandler(): string {
  if (bundled) return bundled;
  const outdir = mkdtempSync(path.join(tmpdir(), "prework-stream-lambda-"));
  process.once("exit", () => rmSync(outdir, { recursive: true, force: true }));
  buildSync({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    outfile: path.join(outdir, "index.js"),
    bundle: true,
    platform: "node",
    target: "node22",
    format: "cjs",
    // lib/ modules import "server-only", which only the react-server condition resolves to a
    // no-op (as `tsx --conditions=react-server` does for the scripts).
    conditions: ["react-server", "node"],
    // The AWS SDK is bundled, not taken from the runtime: the versions package-lock.json pins
    // are the ones the tests ran.
    minify: true,
    sourcemap: true,
    legalComments: "none",
    logLevel: "error",
  });
  bundled = outdir;
  return outdir;
}

export interface StreamLambdaProps {
  filesTable: ITableV2;
  tables: Record<TableId, ITableV2>;
  bucket: IBucket;
  tablePrefix: string;
  auditRetentionDays: number;
  appSecretName: string;
  appSecretVersionId?: string;
}

export class StreamLambda extends Construct {
  readonly function: LambdaFunction;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: StreamLambdaProps) {
    super(scope, id);
    // The audit HMAC key must be the app's, so the Lambda reads the same secret the host's
    // environment holds; CloudFormation resolves the reference at deploy time.
    const secret = (key: string) =>
      SecretValue.secretsManager(props.appSecretName, { jsonField: key, ...(props.appSecretVersionId ? { versionId: props.appSecretVersionId } : {}) }).unsafeUnwrap();

    this.function = new LambdaFunction(this, "Handler", {
      description: "Deletes the S3 object of each file TTL removed from the files table and audits it",
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      handler: "index.handler",
      code: Code.fromAsset(bundleStreamHandler()),
      memorySize: 256,
      timeout: Duration.seconds(60),
      environment: {
        NODE_ENV: "production",
        NODE_OPTIONS: "--enable-source-maps",
        TABLE_PREFIX: props.tablePrefix,
        S3_BUCKET: props.bucket.bucketName,
        AUDIT_RETENTION_DAYS: String(props.auditRetentionDays),
        AUTH_SECRET: secret("AUTH_SECRET"),
        AUDIT_HMAC_SECRET: secret("AUDIT_HMAC_SECRET"),
      },
      logGroup: new LogGroup(this, "Logs", { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
    });

    this.deadLetterQueue = new Queue(this, "DeadLetters", { retentionPeriod: Duration.days(14), encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true });
    // The mapping grants the stream reads (DescribeStream, GetRecords, GetShardIterator,
    // ListStreams) and SendMessage to the queue itself.
    this.function.addEventSource(
      new DynamoEventSource(props.filesTable, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        bisectBatchOnError: true,
        retryAttempts: 5,
        maxRecordAge: Duration.days(1),
        onFailure: new SqsDlq(this.deadLetterQueue),
        // Only TTL's removals matter (the handler ignores the rest): don't pay to be called for them.
        filters: [FilterCriteria.filter({ eventName: FilterRule.isEqual("REMOVE"), userIdentity: { type: FilterRule.isEqual("Service"), principalId: FilterRule.isEqual("dynamodb.amazonaws.com") } })],
      }),
    );

    for (const [tableId, actions] of Object.entries(STREAM_LAMBDA_GRANTS.tables)) {
      this.function.addToRolePolicy(new PolicyStatement({ actions, resources: [props.tables[tableId as TableId].tableArn] }));
    }
    for (const [prefix, actions] of Object.entries(STREAM_LAMBDA_GRANTS.objects)) {
      this.function.addToRolePolicy(new PolicyStatement({ actions, resources: [props.bucket.arnForObjects(`${prefix}*`)] }));
    }
  }
}
