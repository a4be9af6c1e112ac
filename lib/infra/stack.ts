// The whole of Pre-Work on AWS in one stack: the tables of lib/db/tables.ts, their backups, the
// media bucket, the stream Lambda and the roles, with an output for every setting the app's
// environment needs. Synthesized offline by scripts/infra-synth.ts; docs/deploy.md deploys it.
import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { AppRole } from "./app-role";
import { TableBackups } from "./backup";
import { GitHubDeployRole } from "./deploy-role";
import { MediaBucket } from "./media-bucket";
import { type InfraSettings, mediaBucketName } from "./settings";
import { StreamLambda } from "./stream-lambda";
import { AppTables } from "./tables";

export interface PreworkStackProps extends StackProps {
  settings: InfraSettings;
}

export class PreworkStack extends Stack {
  constructor(scope: Construct, id: string, { settings, ...props }: PreworkStackProps) {
    super(scope, id, props);
    const tables = new AppTables(this, "Tables", { prefix: settings.tablePrefix, billing: settings.billing });
    new TableBackups(this, "Backups", { tables: tables.all });
    const { bucket } = new MediaBucket(this, "Media", { bucketName: mediaBucketName(settings.suffix), appOrigins: settings.appOrigins, versioning: settings.bucketVersioning });

    const stream = new StreamLambda(this, "FileStream", {
      filesTable: tables.byId.files,
      tables: tables.byId,
      bucket,
      tablePrefix: settings.tablePrefix,
      auditRetentionDays: settings.auditRetentionDays,
      appSecretName: settings.appSecretName,
      ...(settings.appSecretVersionId ? { appSecretVersionId: settings.appSecretVersionId } : {}),
    });

    const app = new AppRole(this, "App", {
      tables: tables.all,
      bucket,
      amplify: settings.amplify,
      ...(settings.vercel ? { vercel: settings.vercel } : {}),
      ...(settings.vercelOidcProviderArn ? { vercelOidcProviderArn: settings.vercelOidcProviderArn } : {}),
    });

    // The app's environment (README "Configuration"), straight from the outputs.
    new CfnOutput(this, "TablePrefix", { key: "TablePrefix", value: settings.tablePrefix, description: "TABLE_PREFIX" });
    new CfnOutput(this, "MediaBucketName", { key: "MediaBucketName", value: bucket.bucketName, description: "S3_BUCKET" });
    new CfnOutput(this, "Region", { key: "Region", value: this.region, description: "AWS_REGION" });
    new CfnOutput(this, "AppRoleArn", { key: "AppRoleArn", value: app.role.roleArn, description: "the app's role: Amplify compute role, or AWS_ROLE_ARN on Vercel" });
    new CfnOutput(this, "StreamLambdaName", { key: "StreamLambdaName", value: stream.function.functionName, description: "the files stream handler" });
    new CfnOutput(this, "StreamDeadLetterQueueUrl", { key: "StreamDeadLetterQueueUrl", value: stream.deadLetterQueue.queueUrl, description: "stream batches that kept failing" });
    if (settings.github) {
      const deploy = new GitHubDeployRole(this, "GitHubDeploy", { github: settings.github, ...(settings.githubOidcProviderArn ? { existingProviderArn: settings.githubOidcProviderArn } : {}) });
      new CfnOutput(this, "GitHubDeployRoleArn", { key: "GitHubDeployRoleArn", value: deploy.role.roleArn, description: "role-to-assume for aws-actions/configure-aws-credentials" });
    }
  }
}
