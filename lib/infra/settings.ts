// The deployment's settings, read from CDK context (`npx cdk deploy -c suffix=… -c appOrigin=…`,
// or the context object scripts/infra-synth.ts passes) and checked once, so a typo stops the
// synth with the setting's name instead of producing a stack that half works. docs/deploy.md
// lists every one.

export type BillingChoice = "provisioned" | "on-demand";

export interface GitHubDeploy {
  /** owner/name of the repository whose workflow may deploy. */
  repo: string;
  branch: string;
}

export interface VercelFederation {
  team: string;
  project: string;
  environment: string;
}

export interface InfraSettings {
  /** The media bucket is `prework-media-bucket-<suffix>`: bucket names are global. */
  suffix: string;
  /** Origins the browser uploads from (the app's public URL), for the bucket's CORS rule. */
  appOrigins: string[];
  billing: BillingChoice;
  tablePrefix: string;
  bucketVersioning: boolean;
  /** Secrets Manager secret (JSON with AUTH_SECRET and AUDIT_HMAC_SECRET) the stream Lambda reads. */
  appSecretName: string;
  /** Pins the secret's version: a new id makes the next deploy hand the Lambda the rotated values. */
  appSecretVersionId?: string;
  /** Must equal the app's AUDIT_RETENTION_DAYS: the Lambda's audit entries expire by it too. */
  auditRetentionDays: number;
  amplify: boolean;
  github?: GitHubDeploy;
  vercel?: VercelFederation;
  /** An IAM OIDC provider that already exists for the issuer (an account holds one per URL). */
  githubOidcProviderArn?: string;
  vercelOidcProviderArn?: string;
}

/** Every context key the stack reads; docs/deploy.md describes each (lib/infra/stack.test.ts checks). */
export const CONTEXT_KEYS = [
  "suffix",
  "appOrigin",
  "billing",
  "tablePrefix",
  "bucketVersioning",
  "appSecretName",
  "appSecretVersionId",
  "auditRetentionDays",
  "amplify",
  "githubRepo",
  "githubBranch",
  "githubOidcProviderArn",
  "vercelTeam",
  "vercelProject",
  "vercelEnvironment",
  "vercelOidcProviderArn",
] as const;

export type ContextKey = (typeof CONTEXT_KEYS)[number];

export class InfraSettingsError extends Error {
  constructor(problems: string[]) {
    super(`Invalid CDK context:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "InfraSettingsError";
  }
}

/** Context values arrive as strings from `-c key=value` and as anything from cdk.json. */
type Lookup = (key: ContextKey) => unknown;

export function readSettings(lookup: Lookup): InfraSettings {
  const problems: string[] = [];
  const text = (key: ContextKey): string | undefined => {
    const value = lookup(key);
    if (value === undefined || value === null || value === "") return undefined;
    return String(value).trim();
  };
  const flag = (key: ContextKey, fallback: boolean): boolean => {
    const value = text(key);
    if (value === undefined) return fallback;
    if (value === "true" || value === "false") return value === "true";
    problems.push(`${key}: must be true or false (got "${value}")`);
    return fallback;
  };
  const matching = (key: ContextKey, pattern: RegExp, rule: string, fallback?: string): string | undefined => {
    const value = text(key) ?? fallback;
    if (value !== undefined && !pattern.test(value)) problems.push(`${key}: ${rule} (got "${value}")`);
    return value;
  };

  const suffix = matching("suffix", /^[a-z0-9][a-z0-9-]{0,31}$/, "lower-case letters, digits and '-', up to 32 characters");
  if (!suffix) problems.push("suffix: required (the media bucket is prework-media-bucket-<suffix>)");

  const appOrigins = (text("appOrigin") ?? "").split(",").map((o) => o.trim()).filter(Boolean);
  if (!appOrigins.length) problems.push("appOrigin: required (the app's public origin, e.g. https://admin.example.com; comma-separate several)");
  for (const origin of appOrigins) {
    // An origin is scheme + host (+ port), exactly what the browser sends in Origin: no path.
    if (!/^https?:\/\/[a-z0-9.-]+(:\d+)?$/i.test(origin)) problems.push(`appOrigin: "${origin}" is not an origin like https://admin.example.com`);
  }

  const billing = matching("billing", /^(provisioned|on-demand)$/, 'must be "provisioned" or "on-demand"', "provisioned") as BillingChoice;
  // The same rule as lib/env.ts's TABLE_PREFIX, so the app accepts what the stack creates.
  const tablePrefix = matching("tablePrefix", /^[A-Za-z0-9_.-]{0,200}$/, "may contain only letters, digits, '_', '-' and '.'", "prework-") ?? "prework-";
  const appSecretName = matching("appSecretName", /^[A-Za-z0-9/_+=.@-]{1,512}$/, "must be a Secrets Manager secret name", "prework/app") ?? "prework/app";
  const appSecretVersionId = matching("appSecretVersionId", /^[A-Za-z0-9-]{32,64}$/, "must be a Secrets Manager version id");
  const retention = Number(text("auditRetentionDays") ?? 365);
  if (!Number.isInteger(retention) || retention < 1 || retention > 3650) problems.push("auditRetentionDays: a whole number of days from 1 to 3650, as the app's AUDIT_RETENTION_DAYS");

  const githubRepo = matching("githubRepo", /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, "must be owner/name");
  const vercelTeam = matching("vercelTeam", /^[A-Za-z0-9_-]+$/, "must be the Vercel team slug");
  const vercelProject = matching("vercelProject", /^[A-Za-z0-9_.-]+$/, "must be the Vercel project name");
  if (Boolean(vercelTeam) !== Boolean(vercelProject)) problems.push("vercelTeam and vercelProject: set both (Vercel federation) or neither");
  const arn = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/.+$/;
  const githubOidcProviderArn = matching("githubOidcProviderArn", arn, "must be an IAM OIDC provider ARN");
  const vercelOidcProviderArn = matching("vercelOidcProviderArn", arn, "must be an IAM OIDC provider ARN");

  const settings: InfraSettings = {
    suffix: suffix ?? "",
    appOrigins,
    billing,
    tablePrefix,
    bucketVersioning: flag("bucketVersioning", false),
    appSecretName,
    ...(appSecretVersionId ? { appSecretVersionId } : {}),
    auditRetentionDays: retention,
    amplify: flag("amplify", false),
    ...(githubRepo ? { github: { repo: githubRepo, branch: text("githubBranch") ?? "main" } } : {}),
    ...(vercelTeam && vercelProject ? { vercel: { team: vercelTeam, project: vercelProject, environment: text("vercelEnvironment") ?? "production" } } : {}),
    ...(githubOidcProviderArn ? { githubOidcProviderArn } : {}),
    ...(vercelOidcProviderArn ? { vercelOidcProviderArn } : {}),
  };
  if (problems.length) throw new InfraSettingsError(problems);
  return settings;
}

export function mediaBucketName(suffix: string): string {
  return `prework-media-bucket-${suffix}`;
}
