// The one module that reads process.env. Everything else asks it, so a missing or malformed
// setting is reported once, by name, at first use, instead of surfacing as an odd AWS error.
import { z } from "zod";
import { MAX_HOPS, parseTrustProxy } from "@/lib/http/proxy-trust";
import { type Role, ROLES } from "@/lib/validation/users";

const optionalUrl = z
  .string()
  .trim()
  .url()
  .optional()
  .or(z.literal("").transform(() => undefined));

/** 32 random bytes in base64, as `openssl rand -base64 32` prints them. */
const base64Key = z
  .string()
  .trim()
  .refine((value) => /^[A-Za-z0-9+/]{43}=$/.test(value) && atob(value).length === 32, "must be 32 bytes in base64 (openssl rand -base64 32)");

/**
 * One OIDC provider people may sign in with (docs/deploy.md, "Single sign-on"). `trustEmail`
 * accepts the IdP's email without an `email_verified` claim, for IdPs that only hand out
 * addresses they own (Microsoft Entra ID sends none); leave it off otherwise.
 */
const ssoProvider = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, "must be a lower-case slug (letters, digits, '-')"),
  name: z.string().trim().min(1).max(60),
  issuer: z.string().trim().url(),
  clientId: z.string().trim().min(1),
  clientSecret: z.string().min(1),
  trustEmail: z.boolean().default(false),
});
export type SsoProvider = z.infer<typeof ssoProvider>;

/** An http:// issuer only on this machine, and only when not in production or when asked for explicitly (the e2e setup). */
function insecureIssuerAllowed(issuer: string, nodeEnv: string, allow: boolean): boolean {
  const url = new URL(issuer);
  if (url.protocol === "https:") return true;
  const local = url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  return local && (nodeEnv !== "production" || allow);
}

const ssoProviders = z
  .string()
  .default("[]")
  .transform((value, ctx) => {
    let json: unknown;
    try {
      json = JSON.parse(value.trim() || "[]");
    } catch {
      ctx.addIssue({ code: "custom", message: "must be a JSON array of {id, name, issuer, clientId, clientSecret}" });
      return z.NEVER;
    }
    const parsed = z.array(ssoProvider).max(10).safeParse(json);
    if (!parsed.success) {
      // Paths and messages only: the issue's input would put the client secret in the log.
      ctx.addIssue({ code: "custom", message: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") });
      return z.NEVER;
    }
    const ids = parsed.data.map((p) => p.id);
    if (new Set(ids).size !== ids.length) {
      ctx.addIssue({ code: "custom", message: "provider ids must be unique" });
      return z.NEVER;
    }
    // next-auth's own provider id on the sign-in endpoint.
    if (ids.includes("credentials")) {
      ctx.addIssue({ code: "custom", message: `"credentials" is reserved` });
      return z.NEVER;
    }
    return parsed.data;
  });

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    AWS_REGION: z.string().trim().min(1).default("us-east-1"),
    // Set together for the embedded local services; absent on AWS, where the SDK's own
    // credential chain (role, env keys, profile) is used.
    DYNAMODB_ENDPOINT: optionalUrl,
    S3_ENDPOINT: optionalUrl,
    // On Vercel: the app role (the stack's AppRoleArn output) to assume with the project's OIDC
    // token (lib/aws-credentials.ts) instead of long-lived keys. Vercel itself sets VERCEL=1.
    AWS_ROLE_ARN: z
      .string()
      .trim()
      .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, "must be an IAM role ARN")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    VERCEL: z.string().optional(),
    TABLE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{0,200}$/, "may contain only letters, digits, '_', '-' and '.'")
      .default("prework-"),
    S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be a valid S3 bucket name")
      .default("prework-media-bucket-local"),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters (run: openssl rand -base64 33)"),
    // Invitation and reset emails go out only when this is set (smtp:// or smtps://, with
    // credentials in the URL); otherwise the inviter copies the link from the page.
    SMTP_URL: z
      .string()
      .trim()
      .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    MAIL_FROM: z.string().trim().min(3).default("Pre-Work <no-reply@prework.local>"),
    // Keys the HMAC each audit entry carries (tamper evidence). Set a dedicated secret in
    // production; without one a key is derived from AUTH_SECRET.
    AUDIT_HMAC_SECRET: z.string().min(32, "must be at least 32 characters").optional().or(z.literal("").transform(() => undefined)),
    // Encrypts TOTP secrets at rest and keys the recovery-code hashes (lib/auth/secret-box.ts):
    // 32 random bytes, base64 (openssl rand -base64 32). Without one a key is derived from
    // AUTH_SECRET (HKDF, its own label). To rotate: put the new key here and the old one in
    // MFA_PREVIOUS_ENCRYPTION_KEYS (comma-separated) until every user has re-enrolled.
    MFA_ENCRYPTION_KEY: base64Key.optional().or(z.literal("").transform(() => undefined)),
    MFA_PREVIOUS_ENCRYPTION_KEYS: z
      .string()
      .default("")
      .transform((value, ctx) => {
        const keys = value.split(",").map((k) => k.trim()).filter(Boolean);
        if (keys.every((k) => base64Key.safeParse(k).success)) return keys;
        ctx.addIssue({ code: "custom", message: "must be a comma-separated list of 32-byte base64 keys" });
        return z.NEVER;
      }),
    AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
    // Roles that must use two-factor authentication (e.g. "admin,manager"): signed in without
    // one, such a user can only set it up (lib/auth/mfa-policy.ts). Empty: nobody must.
    MFA_REQUIRED_ROLES: z
      .string()
      .default("")
      .transform((value, ctx) => {
        const roles = value.split(",").map((r) => r.trim()).filter(Boolean);
        const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
        if (unknown.length === 0) return [...new Set(roles)] as Role[];
        ctx.addIssue({ code: "custom", message: `must list roles from ${ROLES.join(", ")}, comma-separated (got "${unknown.join(", ")}")` });
        return z.NEVER;
      }),
    SIGN_IN_MAX_FAILURES_PER_EMAIL: z.coerce.number().int().min(1).default(5),
    SIGN_IN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(30),
    SIGN_IN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
    // "Forgot password?" requests per email and per address in the same window, and how long
    // the link it sends stays usable.
    PASSWORD_RESET_MAX_PER_EMAIL: z.coerce.number().int().min(1).default(3),
    PASSWORD_RESET_MAX_PER_IP: z.coerce.number().int().min(1).default(20),
    PASSWORD_RESET_LINK_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(60),
    // A session ends after this long without a request, and in any case this long after sign-in.
    SESSION_IDLE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
    SESSION_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(90).default(7),
    // Who may tell the app the client's address and scheme (lib/http/proxy-trust.ts). "none":
    // only the connection itself (scripts/server.mjs); "vercel" / "cloudfront": that edge's
    // headers; a number N: the N-th X-Forwarded-For entry from the right (N proxies you run).
    TRUST_PROXY: z
      .string()
      .default("none")
      .transform((value, ctx) => {
        const trust = parseTrustProxy(value);
        if (trust) return trust;
        ctx.addIssue({ code: "custom", message: `must be "none", "vercel", "cloudfront" or a number of proxy hops from 1 to ${MAX_HOPS} (got "${value}")` });
        return z.NEVER;
      }),
    // The public URL people reach the app at; next-auth reads it too. When set, invitation links
    // use it instead of the request's Host.
    AUTH_URL: optionalUrl.refine((url) => url === undefined || /^https?:\/\//i.test(url), "must be an http:// or https:// URL"),
    // Adds "preload" to Strict-Transport-Security; submit the domain to hstspreload.org only
    // once every subdomain serves HTTPS, since leaving the list takes months.
    HSTS_PRELOAD: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
    // Passkeys (WebAuthn, lib/auth/passkeys.ts): the origin browsers sign in at and the
    // relying-party id (that origin's host or a parent domain of it) passkeys are bound to.
    // Both default from AUTH_URL (else the request's origin); changing the id later strands
    // every registered passkey. The name is what the browser's passkey dialog shows.
    WEBAUTHN_ORIGIN: optionalUrl,
    WEBAUTHN_RP_ID: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^(localhost|([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})$/, "must be a domain name such as example.com (not an IP address)")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    WEBAUTHN_RP_NAME: z.string().trim().min(1).max(64).default("Pre-Work"),
    // OIDC providers shown on the sign-in page (JSON array, see ssoProvider above).
    SSO_PROVIDERS: ssoProviders,
    // "true": an SSO sign-in with a verified email no account has creates an active account with
    // role `user` (audited as user.created by that new user, with the link, in one transaction).
    // Off by default: only people an admin added sign in.
    SSO_JIT_CREATE: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
    // Lets SSO_PROVIDERS name an http://127.0.0.1 or localhost issuer under NODE_ENV=production: for the e2e setup only.
    SSO_ALLOW_INSECURE_ISSUER: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
  })
  .refine((e) => e.SSO_PROVIDERS.every((p) => insecureIssuerAllowed(p.issuer, e.NODE_ENV, e.SSO_ALLOW_INSECURE_ISSUER)), {
    message: "every issuer must be https:// (http://127.0.0.1 or localhost only outside production, or with SSO_ALLOW_INSECURE_ISSUER=true)",
    path: ["SSO_PROVIDERS"],
  })
  .refine((e) => Boolean(e.DYNAMODB_ENDPOINT) === Boolean(e.S3_ENDPOINT), {
    message: "DYNAMODB_ENDPOINT and S3_ENDPOINT are set together (local services) or not at all (AWS)",
    path: ["S3_ENDPOINT"],
  });

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export class EnvError extends Error {
  constructor(issues: z.core.$ZodIssue[]) {
    const lines = issues.map((i) => `  ${i.path.join(".") || "(environment)"}: ${i.message}`);
    super(`Invalid configuration:\n${lines.join("\n")}`);
    this.name = "EnvError";
  }
}

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) throw new EnvError(parsed.error.issues);
  cached = parsed.data;
  return cached;
}

/** True when the app talks to the embedded DynamoDB Local and s3rver rather than AWS. */
export function isLocalStack(): boolean {
  return Boolean(env().DYNAMODB_ENDPOINT);
}

/** For tests that change settings between cases. */
export function resetEnvForTests(): void {
  cached = undefined;
}

/** For a test file that works on tables of its own: a new prefix, read from then on. */
export function switchTablePrefixForTests(prefix: string): Env {
  process.env.TABLE_PREFIX = prefix;
  resetEnvForTests();
  return env();
}
