// The AWS infrastructure as a CloudFormation template, generated from lib/db/tables.ts (the
// same description the local setup and the tests use, so they cannot drift): every table with
// its keys, GSIs, TTL and point-in-time recovery, and the media bucket with CORS, a lifecycle
// rule that expires temp uploads, and Intelligent-Tiering. `npm run aws:template > stack.json`.
import { createTableInput } from "../lib/db/converge";
import { TEMP_UPLOAD_TAG } from "../lib/s3/temp-tag";
import { TABLES, type TableDefinition, type TableId } from "../lib/db/tables";

const TEMP_UPLOAD_DAYS = 1;

function logicalId(id: TableId): string {
  return `${id[0]!.toUpperCase()}${id.slice(1)}Table`;
}

function tableResource(id: TableId) {
  const def: TableDefinition = TABLES[id];
  const input = createTableInput("", id);
  return {
    Type: "AWS::DynamoDB::Table",
    DeletionPolicy: "Retain",
    UpdateReplacePolicy: "Retain",
    Properties: {
      TableName: { "Fn::Sub": `\${TablePrefix}${def.baseName}` },
      BillingMode: input.BillingMode,
      KeySchema: input.KeySchema,
      AttributeDefinitions: input.AttributeDefinitions,
      ...(input.GlobalSecondaryIndexes ? { GlobalSecondaryIndexes: input.GlobalSecondaryIndexes } : {}),
      ...(def.ttlAttribute ? { TimeToLiveSpecification: { AttributeName: def.ttlAttribute, Enabled: true } } : {}),
      ...(input.StreamSpecification ? { StreamSpecification: { StreamViewType: input.StreamSpecification.StreamViewType } } : {}),
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    },
  };
}

export function awsTemplate() {
  const tables = Object.fromEntries((Object.keys(TABLES) as TableId[]).map((id) => [logicalId(id), tableResource(id)]));
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: "Pre-Work: DynamoDB tables and the media bucket (generated from lib/db/tables.ts)",
    Parameters: {
      TablePrefix: { Type: "String", Default: "prework-" },
      BucketName: { Type: "String", Description: "prework-media-bucket-<random suffix>" },
      AppOrigin: { Type: "String", Description: "The app's origin for browser uploads, e.g. https://prework.example.com" },
    },
    Resources: {
      ...tables,
      MediaBucket: {
        Type: "AWS::S3::Bucket",
        DeletionPolicy: "Retain",
        UpdateReplacePolicy: "Retain",
        Properties: {
          BucketName: { Ref: "BucketName" },
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
          BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] },
          CorsConfiguration: {
            CorsRules: [{ AllowedOrigins: [{ Ref: "AppOrigin" }], AllowedMethods: ["GET", "PUT", "HEAD"], AllowedHeaders: ["*"], ExposedHeaders: ["ETag"], MaxAge: 3000 }],
          },
          LifecycleConfiguration: {
            Rules: [
              // Uploads never completed: their temp objects go by themselves (docs/architecture.md §1). A
              // prefix cannot name users/*/uploads/temp/, so temp objects carry a tag instead
              // (set by the presigned PUT, dropped by the copy to the final key).
              { Id: "expire-temp-uploads", Status: "Enabled", TagFilters: [TEMP_UPLOAD_TAG], ExpirationInDays: TEMP_UPLOAD_DAYS },
              { Id: "abort-incomplete-multipart", Status: "Enabled", AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } },
              { Id: "intelligent-tiering", Status: "Enabled", Transitions: [{ StorageClass: "INTELLIGENT_TIERING", TransitionInDays: 0 }] },
            ],
          },
        },
      },
    },
  };
}

if (require.main === module) {
  process.stdout.write(`${JSON.stringify(awsTemplate(), null, 2)}\n`);
}
