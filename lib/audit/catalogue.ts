// Every audit action the app may write, with the shape of its `details`. The audit repository
// refuses an action that is not listed here or details that do not match, so the timeline can
// always render what it reads.
import { z } from "zod";

// Both sides present and JSON (null for "none"): undefined, a function or a class instance would
// be dropped on the way to DynamoDB and leave an entry without its from or to, so it is refused.
const json = z.json();
const jsonSide = z.unknown().refine((value) => json.safeParse(value).success, "must be a JSON value (null for none)");
const change = z.object({ from: jsonSide, to: jsonSide });

/** The spec's update shape: changes keyed by dotted path, plus the top-level fields touched. */
export const changeSetSchema = z.object({
  changes: z.record(z.string(), change),
  affectedFields: z.array(z.string()),
});

export const AUDIT_GROUPS = ["users", "profiles", "files", "templates", "sign-ins"] as const;
export type AuditGroup = (typeof AUDIT_GROUPS)[number];

const secondFactor = z.enum(["totp", "recovery_code", "passkey"]);
const userSnapshot = z.object({ email: z.string(), name: z.string(), role: z.string() });
const batch = { batchId: z.string().optional() };

export const AUDIT_CATALOGUE = {
  "user.created": { group: "users", sentence: "{actor} created {target:account} as {details.role}", details: userSnapshot.extend(batch) },
  "user.updated": { group: "users", sentence: "{actor} updated {target:account}", details: changeSetSchema.extend(batch) },
  "user.role_changed": { group: "users", sentence: "{actor} changed {target:role} from {details.from} to {details.to}", details: z.object({ from: z.string(), to: z.string(), ...batch }) },
  "user.invited": { group: "users", sentence: "{actor} invited {target}", details: z.object({ expiresAt: z.string() }) },
  "user.invite_resent": { group: "users", sentence: "{actor} sent {target} a new invitation", details: z.object({ expiresAt: z.string() }) },
  "user.password_reset_issued": { group: "users", sentence: "{actor} issued {target} a new password link", details: z.object({ expiresAt: z.string() }) },
  "user.password_set": { group: "users", sentence: "{actor} set a new password", details: z.object({ via: z.enum(["invite", "reset"]) }) },
  "user.deactivated": { group: "users", sentence: "{actor} deactivated {target}", details: z.object({ ...batch }) },
  "user.reactivated": { group: "users", sentence: "{actor} reactivated {target}", details: z.object({ ...batch }) },
  "profile.created": {
    group: "profiles", sentence: "{actor} created {target:possessive} {profile}",
    details: z.object({ profileId: z.string(), name: z.string(), type: z.string(), isDefault: z.boolean(), templateId: z.string().optional() }),
  },
  "profile.updated": {
    group: "profiles", sentence: "{actor} changed {target:possessive} {profile}",
    details: changeSetSchema.extend({ profileId: z.string(), reordered: z.boolean().optional() }),
  },
  "profile.deleted": {
    group: "profiles", sentence: "{actor} deleted {target:possessive} profile “{details.name}”",
    // removedFileIds: the avatar and background deleted with it.
    details: z.object({ profileId: z.string(), name: z.string(), promotedProfileId: z.string().nullable(), removedFileIds: z.array(z.string()).optional() }),
  },
  "profile.default_changed": {
    group: "profiles", sentence: "{actor} made {target:possessive} {profile} the default",
    details: z.object({ profileId: z.string(), previousProfileId: z.string().nullable() }),
  },
  "file.upload_started": {
    group: "files", sentence: "{actor} started uploading “{details.name}”{for:target}",
    details: z.object({ fileId: z.string(), purpose: z.string(), name: z.string(), mimeType: z.string(), size: z.number(), profileId: z.string().optional() }),
  },
  "file.uploaded": {
    group: "files", sentence: "{actor} uploaded “{details.name}”{for:target}",
    details: z.object({ fileId: z.string(), purpose: z.string(), name: z.string(), mimeType: z.string(), size: z.number(), s3Key: z.string(), profileId: z.string().optional(), documentKind: z.string().optional() }),
  },
  "file.upload_rejected": {
    group: "files", sentence: "{actor}'s upload of “{details.name}” was refused: {details.reason}",
    details: z.object({ fileId: z.string(), purpose: z.string(), name: z.string(), reason: z.string() }),
  },
  // name: the file's name after the change (absent from entries written before it was recorded).
  "file.updated": { group: "files", sentence: "{actor} changed the details of {target:possessive} {file}", details: changeSetSchema.extend({ fileId: z.string(), name: z.string().optional() }) },
  // Written by the storage stream handler (lib/storage/file-stream.ts) after DynamoDB's TTL
  // removed the item: the actor is SYSTEM_ACTOR (lib/db/audit.ts), the target the file's owner.
  "file.expired": {
    group: "files", sentence: "{target:possessive} file “{details.name}” expired, and its stored copy was deleted",
    details: z.object({ fileId: z.string(), name: z.string(), purpose: z.string(), s3Key: z.string(), expiresAt: z.string().optional() }),
  },
  "file.upload_abandoned": {
    group: "files", sentence: "{target:possessive} upload of “{details.name}” was never completed, and its temporary copy was deleted",
    details: z.object({ fileId: z.string(), name: z.string(), purpose: z.string(), s3Key: z.string() }),
  },
  // `npm run storage:check --fix` (lib/storage/storage-check.ts): a ready file whose object was gone.
  "file.lost": {
    group: "files", sentence: "{target:possessive} file “{details.name}” had lost its stored copy, so it was removed from the list",
    details: z.object({ fileId: z.string(), name: z.string(), purpose: z.string(), s3Key: z.string() }),
  },
  "file.deleted": { group: "files", sentence: "{actor} deleted {target:possessive} file “{details.name}”", details: z.object({ fileId: z.string(), name: z.string(), purpose: z.string() }) },
  // A statement of a template-based profile's checklist acknowledged (lib/db/checklist.ts).
  "checklist.acknowledged": {
    group: "profiles", sentence: "{actor} acknowledged “{details.label}” on {target:possessive} {profile}",
    details: z.object({ profileId: z.string(), templateId: z.string(), itemId: z.string(), label: z.string() }),
  },
  // Pre-work templates (lib/templates/service.ts); the seed's sample is created by SYSTEM_ACTOR.
  "template.created": {
    group: "templates", sentence: "{actor} created the template “{details.title}”",
    details: z.object({ templateId: z.string(), title: z.string(), profileType: z.string() }),
  },
  "template.updated": {
    group: "templates", sentence: "{actor} changed the template “{details.title}”",
    details: changeSetSchema.extend({ templateId: z.string(), title: z.string() }),
  },
  "template.archived": { group: "templates", sentence: "{actor} archived the template “{details.title}”", details: z.object({ templateId: z.string(), title: z.string() }) },
  // A checklist's PDF (lib/exports/checklist-export.ts); `replaced`: that day's export was there and is now this one.
  "checklist.exported": {
    group: "templates", sentence: "{actor} exported {target:possessive} checklist “{details.templateTitle}”",
    details: z.object({
      fileId: z.string(), profileId: z.string(), templateId: z.string(), templateTitle: z.string(), date: z.string(), s3Key: z.string(), size: z.number(), replaced: z.boolean(),
    }),
  },
  // `sessionId` names the session (lib/db/sessions.ts) the sign-in created or the sign-out ended.
  // `secondFactor`: what followed the password for an account with two-factor authentication.
  "auth.signed_in": {
    group: "sign-ins", sentence: "{actor} signed in",
    details: z.object({
      email: z.string(),
      sessionId: z.string().optional(),
      secondFactor: secondFactor.optional(),
      // Signed in with a passkey alone (no password); `passkey` is the credential id.
      passwordless: z.literal(true).optional(),
      passkey: z.string().optional(),
    }),
  },
  // Through an OIDC provider (SSO_PROVIDERS); `provider` is its configured id.
  "auth.sso_signed_in": {
    group: "sign-ins", sentence: "{actor} signed in with {details.provider}",
    details: z.object({ email: z.string(), sessionId: z.string(), provider: z.string() }),
  },
  // The provider vouched for someone the app would not sign in; `email` is what the provider sent (absent when none).
  "auth.sso_refused": {
    group: "sign-ins", sentence: "Refused single sign-on with {details.provider}",
    details: z.object({
      provider: z.string(),
      email: z.string().optional(),
      reason: z.enum(["unverified_email", "unknown", "inactive", "link_conflict", "second_factor", "throttled"]),
    }),
  },
  "auth.signed_out": { group: "sign-ins", sentence: "{actor} signed out", details: z.object({ sessionId: z.string().optional() }) },
  "session.revoked": { group: "sign-ins", sentence: "{actor} ended one of {target:possessive} sessions", details: z.object({ sessionId: z.string() }) },
  "session.revoked_all": {
    group: "sign-ins", sentence: "{actor} ended {target:possessive} sessions ({details.count})",
    details: z.object({ count: z.number().int(), keptSessionId: z.string().optional() }),
  },
  "auth.sign_in_failed": {
    group: "sign-ins", sentence: "Failed sign-in as {details.email}",
    details: z.object({
      email: z.string(),
      reason: z.enum(["bad_credentials", "inactive", "throttled", "bad_second_factor", "bad_passkey"]),
      // Set when the password was right and the second step failed (or was throttled).
      secondFactor: secondFactor.optional(),
    }),
  },
  // A "Forgot password?" request, whatever became of it; the answer on the page is always the same.
  "auth.password_reset_requested": {
    group: "sign-ins", sentence: "Someone asked for a password reset link for {details.email}",
    details: z.object({
      email: z.string(),
      outcome: z.enum(["link_issued", "unknown_email", "inactive", "throttled"]),
      expiresAt: z.string().optional(),
    }),
  },
  // Refusals past the first in one throttle window, folded into one entry (lib/auth/throttle.ts).
  "auth.attempts_refused": {
    group: "sign-ins", sentence: "{details.count} {details.attempt} attempts for {details.subject} were refused while over the limit",
    details: z.object({
      attempt: z.enum(["sign-in", "password reset", "second factor", "single sign-on", "passkey"]),
      scope: z.enum(["email", "ip"]),
      subject: z.string(),
      count: z.number().int().min(1),
      from: z.string(),
      until: z.string(),
    }),
  },
  // Two-factor authentication (lib/auth/mfa.ts); `via` is the factor that proved the change.
  "mfa.enrolled": { group: "sign-ins", sentence: "{actor} turned on two-factor authentication", details: z.object({ recoveryCodes: z.number().int() }) },
  "mfa.disabled": { group: "sign-ins", sentence: "{actor} turned off two-factor authentication", details: z.object({ via: secondFactor }) },
  "mfa.recovery_codes_regenerated": {
    group: "sign-ins", sentence: "{actor} replaced their recovery codes",
    details: z.object({ recoveryCodes: z.number().int(), via: secondFactor }),
  },
  "mfa.recovery_code_used": {
    group: "sign-ins", sentence: "{actor} signed in with a recovery code ({details.remaining} left)",
    details: z.object({ remaining: z.number().int().min(0), sessionId: z.string() }),
  },
  // An admin removed someone's second factor (a lost phone and no recovery codes); their sessions end with it.
  "mfa.reset_by_admin": {
    group: "sign-ins", sentence: "{actor} reset {target:possessive} two-factor authentication",
    details: z.object({ passkeysRemoved: z.number().int().optional() }),
  },
  // Passkeys (lib/auth/passkeys.ts); `credentialId` is the WebAuthn credential id (base64url).
  "passkey.registered": {
    group: "sign-ins", sentence: "{actor} added the passkey “{details.name}”",
    details: z.object({ credentialId: z.string(), name: z.string(), passwordless: z.boolean() }),
  },
  "passkey.removed": { group: "sign-ins", sentence: "{actor} removed the passkey “{details.name}”", details: z.object({ credentialId: z.string(), name: z.string() }) },
} as const satisfies Record<string, { group: AuditGroup; sentence: string; details: z.ZodType }>;

export type AuditAction = keyof typeof AUDIT_CATALOGUE;
export type AuditDetails<A extends AuditAction> = z.infer<(typeof AUDIT_CATALOGUE)[A]["details"]>;
export const AUDIT_ACTIONS = Object.keys(AUDIT_CATALOGUE) as AuditAction[];

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_CATALOGUE, value);
}
