import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Match, type Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { contextFromArgs, synth } from "../../scripts/infra-synth";
import { createTableInput } from "@/lib/db/converge";
import { TABLES, tableName, type TableId } from "@/lib/db/tables";
import { TEMP_UPLOAD_TAG } from "@/lib/s3/temp-tag";
import { CONTEXT_KEYS, readSettings } from "./settings";
import { seedCapacity } from "./tables";
import { resourcesOf, synthTemplate } from "./testing/synth";

type Props = Record<string, unknown>;
const ids = Object.keys(TABLES) as TableId[];
const sortBy = <T>(items: T[], key: (item: T) => string) => [...items].sort((a, b) => key(a).localeCompare(key(b)));

function tableProps(template: Template, id: TableId): Props {
  const found = resourcesOf(template, "AWS::DynamoDB::GlobalTable").find(([, r]) => r.Properties.TableName === tableName("prework-", id));
  if (!found) throw new Error(`no table ${id}`);
  return found[1].Properties;
}

describe("the CDK stack", () => {
  let template: Template;
  beforeAll(() => {
    template = synthTemplate();
  });

  describe("tables", () => {
    it("are exactly those the local setup creates: keys, attributes, indexes, TTL and streams (lib/db/converge.ts)", () => {
      expect(resourcesOf(template, "AWS::DynamoDB::GlobalTable")).toHaveLength(ids.length);
      for (const id of ids) {
        const local = createTableInput("prework-", id);
        const aws = tableProps(template, id);
        expect(aws.KeySchema, id).toEqual(local.KeySchema);
        expect(sortBy(aws.AttributeDefinitions as { AttributeName: string }[], (a) => a.AttributeName), id).toEqual(sortBy(local.AttributeDefinitions, (a) => a.AttributeName));
        const indexes = ((aws.GlobalSecondaryIndexes ?? []) as Props[]).map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection }));
        expect(indexes, id).toEqual(local.GlobalSecondaryIndexes ?? []);
        const ttl = TABLES[id] as { ttlAttribute?: string };
        expect(aws.TimeToLiveSpecification, id).toEqual(ttl.ttlAttribute ? { AttributeName: ttl.ttlAttribute, Enabled: true } : undefined);
        expect(aws.StreamSpecification, id).toEqual(local.StreamSpecification ? { StreamViewType: local.StreamSpecification.StreamViewType } : undefined);
      }
    });

    it("keep 35 days of point-in-time recovery, refuse deletion, are encrypted and outlive the stack", () => {
      for (const [, table] of resourcesOf(template, "AWS::DynamoDB::GlobalTable")) {
        const [replica] = table.Properties.Replicas as Props[];
        expect(replica).toMatchObject({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 },
          DeletionProtectionEnabled: true,
        });
        expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: "KMS" });
      }
      template.allResources("AWS::DynamoDB::GlobalTable", { DeletionPolicy: "Retain", UpdateReplacePolicy: "Retain" });
    });

    it("start at the spec's capacity and auto-scale it, on the tables and every index", () => {
      expect(seedCapacity("users")).toEqual({ read: 5, write: 5 });
      expect(seedCapacity("userProfiles")).toEqual({ read: 10, write: 5 });
      expect(seedCapacity("auditLogs")).toEqual({ read: 5, write: 10 });
      const scaling = (min: number) => ({ MinCapacity: min, MaxCapacity: min * 20, TargetTrackingScalingPolicyConfiguration: { TargetValue: 70 } });
      for (const id of ids) {
        const { read, write } = seedCapacity(id);
        const aws = tableProps(template, id);
        expect(aws.BillingMode).toBe("PROVISIONED");
        expect(aws.WriteProvisionedThroughputSettings).toEqual({ WriteCapacityAutoScalingSettings: scaling(write) });
        const [replica] = aws.Replicas as Props[];
        expect(replica!.ReadProvisionedThroughputSettings).toEqual({ ReadCapacityAutoScalingSettings: scaling(read) });
        for (const index of (aws.GlobalSecondaryIndexes ?? []) as Props[]) {
          expect(index.WriteProvisionedThroughputSettings, `${id} ${String(index.IndexName)}`).toEqual({ WriteCapacityAutoScalingSettings: scaling(write) });
        }
        const replicaIndexes = (replica!.GlobalSecondaryIndexes ?? []) as Props[];
        expect(replicaIndexes.length).toBe(TABLES[id].indexes.length);
        for (const index of replicaIndexes) expect(index.ReadProvisionedThroughputSettings).toEqual({ ReadCapacityAutoScalingSettings: scaling(read) });
      }
    });

    it("are billed on demand, with no capacity to scale, when billing=on-demand", () => {
      const onDemand = synthTemplate({ billing: "on-demand" });
      for (const [, table] of resourcesOf(onDemand, "AWS::DynamoDB::GlobalTable")) {
        expect(table.Properties.BillingMode).toBe("PAY_PER_REQUEST");
        expect(JSON.stringify(table.Properties)).not.toContain("AutoScalingSettings");
      }
    });

    it("are backed up daily for 35 days and monthly for a year by AWS Backup", () => {
      template.hasResourceProperties("AWS::Backup::BackupPlan", {
        BackupPlan: {
          BackupPlanRule: Match.arrayWith([
            Match.objectLike({ RuleName: "daily", Lifecycle: { DeleteAfterDays: 35 } }),
            Match.objectLike({ RuleName: "monthly", Lifecycle: { DeleteAfterDays: 365 } }),
          ]),
        },
      });
      const [[, selection]] = resourcesOf(template, "AWS::Backup::BackupSelection") as [[string, { Properties: { BackupSelection: { Resources: unknown[] } } }]];
      expect(selection.Properties.BackupSelection.Resources).toHaveLength(ids.length);
      template.hasResource("AWS::Backup::BackupVault", { DeletionPolicy: "Retain" });
    });
  });

  describe("the media bucket", () => {
    it("is private, encrypted, TLS-only and named by the suffix", () => {
      template.hasResourceProperties("AWS::S3::Bucket", {
        BucketName: "prework-media-bucket-test",
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] },
      });
      template.hasResourceProperties("AWS::S3::BucketPolicy", {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } })]) },
      });
    });

    it("lets the app's origin PUT uploads with the Content-Type the browser sends", () => {
      template.hasResourceProperties("AWS::S3::Bucket", {
        CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedOrigins: ["https://admin.example.com"], AllowedMethods: Match.arrayWith(["PUT", "GET"]), AllowedHeaders: ["Content-Type"] })] },
      });
    });

    it("expires tagged temp uploads after a day, aborts stale multipart uploads and tiers uploads", () => {
      const [[, bucket]] = resourcesOf(template, "AWS::S3::Bucket") as [[string, { Properties: { LifecycleConfiguration: { Rules: Props[] } } }]];
      const rules = Object.fromEntries(bucket.Properties.LifecycleConfiguration.Rules.map((r) => [r.Id, r]));
      expect(rules["expire-temp-uploads"]).toMatchObject({ ExpirationInDays: 1, Prefix: "users/", TagFilters: [TEMP_UPLOAD_TAG], Status: "Enabled" });
      expect(rules["abort-incomplete-multipart"]).toMatchObject({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } });
      expect(rules["uploads-intelligent-tiering"]).toMatchObject({ Prefix: "users/", Transitions: [{ StorageClass: "INTELLIGENT_TIERING", TransitionInDays: 1 }] });
      expect(JSON.stringify(bucket.Properties)).not.toContain("VersioningConfiguration");
    });

    it("keeps versions for 30 days when bucketVersioning=true", () => {
      synthTemplate({ bucketVersioning: "true" }).hasResourceProperties("AWS::S3::Bucket", {
        VersioningConfiguration: { Status: "Enabled" },
        LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Id: "expire-old-versions", NoncurrentVersionExpiration: { NoncurrentDays: 30 } })]) },
      });
    });
  });

  describe("the stream Lambda", () => {
    it("runs the bundled handler on Node 22 with the settings lib/env.ts requires", () => {
      template.hasResourceProperties("AWS::Lambda::Function", {
        Runtime: "nodejs22.x",
        Handler: "index.handler",
        Environment: {
          Variables: Match.objectLike({
            TABLE_PREFIX: "prework-",
            S3_BUCKET: Match.anyValue(),
            AUTH_SECRET: "{{resolve:secretsmanager:prework/app:SecretString:AUTH_SECRET::}}",
            AUDIT_HMAC_SECRET: "{{resolve:secretsmanager:prework/app:SecretString:AUDIT_HMAC_SECRET::}}",
            AUDIT_RETENTION_DAYS: "365",
          }),
        },
      });
    });

    it("reads the files table's stream, bisecting and retrying failed batches into a dead-letter queue", () => {
      const [filesId] = resourcesOf(template, "AWS::DynamoDB::GlobalTable").find(([, t]) => t.Properties.TableName === "prework-files")!;
      template.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
        EventSourceArn: { "Fn::GetAtt": [filesId, "StreamArn"] },
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 5,
        DestinationConfig: { OnFailure: { Destination: { "Fn::GetAtt": [Match.stringLikeRegexp("DeadLetters"), "Arn"] } } },
        FilterCriteria: { Filters: [{ Pattern: Match.serializedJson(Match.objectLike({ userIdentity: { type: ["Service"], principalId: ["dynamodb.amazonaws.com"] } })) }] },
      });
    });
  });

  describe("roles", () => {
    it("let only this account's principals assume the app role when no host is chosen", () => {
      template.hasResourceProperties("AWS::IAM::Role", {
        AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Action: "sts:AssumeRole", Principal: { AWS: Match.anyValue() } })] },
      });
      expect(resourcesOf(template, "AWS::IAM::OIDCProvider")).toEqual([]);
    });

    it("trust Amplify's compute, one Vercel project's production and one GitHub branch when asked to", () => {
      const hosted = synthTemplate({ amplify: "true", vercelTeam: "acme", vercelProject: "prework", githubRepo: "acme/prework", githubBranch: "release" });
      hosted.hasResourceProperties("AWS::IAM::OIDCProvider", { Url: "https://oidc.vercel.com/acme", ClientIdList: ["https://vercel.com/acme"] });
      hosted.hasResourceProperties("AWS::IAM::OIDCProvider", { Url: "https://token.actions.githubusercontent.com", ClientIdList: ["sts.amazonaws.com"] });
      hosted.hasResourceProperties("AWS::IAM::Role", {
        AssumeRolePolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Action: "sts:AssumeRole", Principal: { Service: "amplify.amazonaws.com" } }),
            Match.objectLike({
              Action: "sts:AssumeRoleWithWebIdentity",
              Condition: { StringEquals: { "oidc.vercel.com/acme:aud": "https://vercel.com/acme", "oidc.vercel.com/acme:sub": "owner:acme:project:prework:environment:production" } },
            }),
          ]),
        },
      });
      hosted.hasResourceProperties("AWS::IAM::Role", {
        AssumeRolePolicyDocument: {
          Statement: [
            Match.objectLike({
              Action: "sts:AssumeRoleWithWebIdentity",
              Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme/prework:ref:refs/heads/release" } },
            }),
          ],
        },
      });
      hosted.hasResourceProperties("AWS::IAM::Policy", {
        PolicyDocument: { Statement: [Match.objectLike({ Action: "sts:AssumeRole", Resource: { "Fn::Join": ["", Match.arrayWith([":role/cdk-*"])] } })] },
      });
      hosted.hasOutput("GitHubDeployRoleArn", {});
    });
  });

  it("outputs every setting the app's environment needs", () => {
    for (const output of ["TablePrefix", "MediaBucketName", "Region", "AppRoleArn", "StreamLambdaName", "StreamDeadLetterQueueUrl"]) template.hasOutput(output, {});
    template.hasOutput("TablePrefix", { Value: "prework-" });
  });

  it("refuses a context without a bucket suffix or origin, naming what is wrong", () => {
    expect(() => readSettings(() => undefined)).toThrow(/suffix: required[\s\S]*appOrigin: required/);
    expect(() => readSettings((k) => ({ suffix: "ok", appOrigin: "https://a.example.com/path", billing: "free" })[k as string])).toThrow(/not an origin[\s\S]*billing/);
  });
});

it("docs/deploy.md describes every context parameter", () => {
  const guide = readFileSync(path.resolve(__dirname, "../../docs/deploy.md"), "utf8");
  expect(CONTEXT_KEYS.filter((key) => !guide.includes(`\`${key}\``))).toEqual([]);
});

describe("npm run infra:synth", () => {
  it("writes the cloud assembly: template, assets manifest and the bundled Lambda", { timeout: 60_000 }, () => {
    const outdir = mkdtempSync(path.join(tmpdir(), "prework-cdk-out-"));
    try {
      synth(outdir, contextFromArgs(["-c", "suffix=synth-test", "--context=appOrigin=https://admin.example.com"]));
      expect(existsSync(path.join(outdir, "manifest.json"))).toBe(true);
      expect(existsSync(path.join(outdir, "Prework.template.json"))).toBe(true);
      expect(existsSync(path.join(outdir, "Prework.assets.json"))).toBe(true);
      const [asset] = readdirSync(outdir).filter((f) => f.startsWith("asset."));
      expect(existsSync(path.join(outdir, asset!, "index.js"))).toBe(true);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
