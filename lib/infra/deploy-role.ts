// A role GitHub Actions can assume without stored keys (OIDC), to run `cdk deploy` from one
// branch of one repository. It may only assume the roles `cdk bootstrap` created, which do the
// actual deployment, so the CI token never holds more than CDK's own deploy path.
import { Stack } from "aws-cdk-lib";
import { type IOidcProvider, OidcProviderNative, OpenIdConnectPrincipal, PolicyStatement, Role } from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import type { GitHubDeploy } from "./settings";

export const GITHUB_ISSUER_HOST = "token.actions.githubusercontent.com";

export function githubTrustConditions({ repo, branch }: GitHubDeploy) {
  return {
    StringEquals: {
      [`${GITHUB_ISSUER_HOST}:aud`]: "sts.amazonaws.com",
      [`${GITHUB_ISSUER_HOST}:sub`]: `repo:${repo}:ref:refs/heads/${branch}`,
    },
  };
}

export class GitHubDeployRole extends Construct {
  readonly role: Role;

  constructor(scope: Construct, id: string, props: { github: GitHubDeploy; existingProviderArn?: string }) {
    super(scope, id);
    const provider: IOidcProvider = props.existingProviderArn
      ? OidcProviderNative.fromOidcProviderArn(this, "GitHubOidc", props.existingProviderArn)
      : new OidcProviderNative(this, "GitHubOidc", { url: `https://${GITHUB_ISSUER_HOST}`, clientIds: ["sts.amazonaws.com"] });
    this.role = new Role(this, "Role", {
      description: `cdk deploy from ${props.github.repo}@${props.github.branch}`,
      assumedBy: new OpenIdConnectPrincipal(provider, githubTrustConditions(props.github)),
    });
    const { account, partition } = Stack.of(this);
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions: ["sts:AssumeRole"], resources: [`arn:${partition}:iam::${account}:role/cdk-*`] }));
  }
}
