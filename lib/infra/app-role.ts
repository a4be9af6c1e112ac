// The app's IAM role, granting exactly the calls the app makes (APP_CALLS, checked against the
// code by lib/infra/sdk-actions.test.ts) on exactly its tables and the bucket's two prefixes,
// and who may assume it: Amplify's compute, a Vercel project through OIDC, or, when neither is
// chosen, principals of this account that an operator allows (a self-hosted server).
import { Stack } from "aws-cdk-lib";
import type { ITableV2 } from "aws-cdk-lib/aws-dynamodb";
import {
  AccountRootPrincipal,
  CompositePrincipal,
  type IOidcProvider,
  type IPrincipal,
  OidcProviderNative,
  OpenIdConnectPrincipal,
  PolicyStatement,
  Role,
  ServicePrincipal,
} from "aws-cdk-lib/aws-iam";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import { actionsFor, APP_CALLS, type ProgramCalls } from "./sdk-actions";
import type { VercelFederation } from "./settings";

/** The prefixes the app writes and reads (lib/s3/keys.ts: users/<id>/…; templates/ per the spec). */
export const APP_OBJECT_PREFIXES = ["users/", "templates/"] as const;

/** `table/<name>` and `table/<name>/index/*` of each table: Query on an index is authorised on the index. */
export function tableResources(tables: ITableV2[]): string[] {
  return tables.flatMap((t) => [t.tableArn, `${t.tableArn}/index/*`]);
}

/** The policy statements that allow `calls` on these tables and the bucket's prefixes. */
export function statementsFor(calls: ProgramCalls, tables: ITableV2[], bucket: IBucket, prefixes: readonly string[]): PolicyStatement[] {
  const actions = actionsFor(calls.commands, calls.transactItems);
  const statements: PolicyStatement[] = [];
  if (actions.table.length) statements.push(new PolicyStatement({ sid: "Tables", actions: actions.table, resources: tableResources(tables) }));
  if (actions.object.length) {
    statements.push(new PolicyStatement({ sid: "Objects", actions: actions.object, resources: prefixes.map((p) => bucket.arnForObjects(`${p}*`)) }));
  }
  // HeadBucket (the health check) is authorised as ListBucket on the bucket itself and carries
  // no prefix a condition could narrow it by.
  if (actions.bucket.length) statements.push(new PolicyStatement({ sid: "Bucket", actions: actions.bucket, resources: [bucket.bucketArn] }));
  return statements;
}

export const VERCEL_ISSUER_HOST = "oidc.vercel.com";

/** Vercel's token for one project's environment (its "team" issuer mode). */
export function vercelTrustConditions({ team, project, environment }: VercelFederation) {
  const issuer = `${VERCEL_ISSUER_HOST}/${team}`;
  return {
    StringEquals: {
      [`${issuer}:aud`]: `https://vercel.com/${team}`,
      [`${issuer}:sub`]: `owner:${team}:project:${project}:environment:${environment}`,
    },
  };
}

export interface AppRoleProps {
  tables: ITableV2[];
  bucket: IBucket;
  amplify: boolean;
  vercel?: VercelFederation;
  vercelOidcProviderArn?: string;
}

export class AppRole extends Construct {
  readonly role: Role;

  constructor(scope: Construct, id: string, props: AppRoleProps) {
    super(scope, id);
    const principals: IPrincipal[] = [];
    // Amplify Hosting's SSR compute assumes its "compute role" through this service.
    if (props.amplify) principals.push(new ServicePrincipal("amplify.amazonaws.com"));
    if (props.vercel) principals.push(new OpenIdConnectPrincipal(this.vercelProvider(props.vercel, props.vercelOidcProviderArn), vercelTrustConditions(props.vercel)));
    if (!principals.length) principals.push(new AccountRootPrincipal());

    this.role = new Role(this, "Role", {
      description: `Pre-Work app (${Stack.of(this).stackName}): its tables and the media bucket's users/ and templates/`,
      assumedBy: principals.length === 1 ? principals[0]! : new CompositePrincipal(...principals),
    });
    for (const statement of statementsFor(APP_CALLS, props.tables, props.bucket, APP_OBJECT_PREFIXES)) this.role.addToPrincipalPolicy(statement);
  }

  private vercelProvider(vercel: VercelFederation, existingArn?: string): IOidcProvider {
    if (existingArn) return OidcProviderNative.fromOidcProviderArn(this, "VercelOidc", existingArn);
    return new OidcProviderNative(this, "VercelOidc", { url: `https://${VERCEL_ISSUER_HOST}/${vercel.team}`, clientIds: [`https://vercel.com/${vercel.team}`] });
  }
}
