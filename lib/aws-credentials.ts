import "server-only";
import type { AwsCredentialIdentityProvider, Pluggable } from "@smithy/types";
import { awsCredentialsProvider } from "@vercel/oidc-aws-credentials-provider";
import { env } from "@/lib/env";

// Where the AWS clients (lib/db/client.ts, lib/s3/client.ts) get credentials on AWS. Everywhere
// but Vercel, the SDK's default chain already does the right thing: Amplify's compute role,
// AWS_ACCESS_KEY_ID, a profile, or AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE. Vercel has no
// token file: a function receives its OIDC token in each request's x-vercel-oidc-token header,
// so there Vercel's own provider reads it and assumes AWS_ROLE_ARN (AssumeRoleWithWebIdentity;
// the trust is the stack's, lib/infra/app-role.ts). undefined = the default chain.
export function appCredentials(options: { stsPlugins?: Pluggable<object, object>[] } = {}): AwsCredentialIdentityProvider | undefined {
  const { AWS_ROLE_ARN, AWS_REGION, VERCEL } = env();
  if (!VERCEL || !AWS_ROLE_ARN) return undefined;
  return awsCredentialsProvider({
    roleArn: AWS_ROLE_ARN,
    roleSessionName: "prework-app",
    clientConfig: { region: AWS_REGION },
    // Tests answer STS through middleware here.
    ...(options.stsPlugins ? { clientPlugins: options.stsPlugins } : {}),
  });
}

/** The client option: `{ credentials }` on Vercel with a role, else nothing (the default chain). */
export function withAppCredentials(): { credentials?: AwsCredentialIdentityProvider } {
  const credentials = appCredentials();
  return credentials ? { credentials } : {};
}
