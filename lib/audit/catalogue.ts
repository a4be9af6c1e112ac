// Every audit action the app may write, with the shape of its `details`. The audit repository
// refuses an action that is not listed here or details that do not match, so the timeline can
// always render what it reads.
import { z } from "zod";

const change = z.object({ from: z.unknown(), to: z.unknown() });

/** The spec's update shape: changes keyed by dotted path, plus the top-level fields touched. */
export const changeSetSchema = z.object({
  changes: z.record(z.string(), change),
  affectedFields: z.array(z.string()),
});

export const AUDIT_GROUPS = ["users", "profiles", "files", "sign-ins"] as const;
export type AuditGroup = (typeof AUDIT_GROUPS)[number];

const userSnapshot = z.object({ email: z.string(), name: z.string(), role: z.string() });
const batch = { batchId: z.string().optional() };

export const AUDIT_CATALOGUE = {
  "user.created": { group: "users", details: userSnapshot.extend(batch) },
  "user.updated": { group: "users", details: changeSetSchema.extend(batch) },
  "user.role_changed": { group: "users", details: z.object({ from: z.string(), to: z.string(), ...batch }) },
  "user.invited": { group: "users", details: z.object({ expiresAt: z.string() }) },
  "user.password_reset_issued": { group: "users", details: z.object({ expiresAt: z.string() }) },
  "user.password_set": { group: "users", details: z.object({ via: z.enum(["invite", "reset"]) }) },
  "user.deactivated": { group: "users", details: z.object({ ...batch }) },
  "user.reactivated": { group: "users", details: z.object({ ...batch }) },
  "profile.created": {
    group: "profiles",
    details: z.object({ profileId: z.string(), name: z.string(), type: z.string(), isDefault: z.boolean() }),
  },
  "profile.updated": {
    group: "profiles",
    details: changeSetSchema.extend({ profileId: z.string(), reordered: z.boolean().optional() }),
  },
  "profile.deleted": {
    group: "profiles",
    details: z.object({ profileId: z.string(), name: z.string(), promotedProfileId: z.string().nullable() }),
  },
  "profile.default_changed": {
    group: "profiles",
    details: z.object({ profileId: z.string(), previousProfileId: z.string().nullable() }),
  },
  "file.upload_started": {
    group: "files",
    details: z.object({ fileId: z.string(), purpose: z.string(), name: z.string(), mimeType: z.string(), size: z.number(), profileId: z.string().optional() }),
  },
  "file.uploaded": {
    group: "files",
    details: z.object({ fileId: z.string(), purpose: z.string(), name: z.string(), mimeType: z.string(), size: z.number(), s3Key: z.string(), profileId: z.string().optional() }),
  },
  "file.upload_rejected": {
    group: "files",
    details: z.object({ fileId: z.string(), purpose: z.string(), name: z.string(), reason: z.string() }),
  },
  "file.updated": { group: "files", details: changeSetSchema.extend({ fileId: z.string() }) },
  "file.deleted": { group: "files", details: z.object({ fileId: z.string(), name: z.string(), purpose: z.string() }) },
  "auth.signed_in": { group: "sign-ins", details: z.object({ email: z.string() }) },
  "auth.signed_out": { group: "sign-ins", details: z.object({}) },
  "auth.sign_in_failed": {
    group: "sign-ins",
    details: z.object({
      email: z.string(),
      reason: z.enum(["bad_credentials", "inactive", "throttled"]),
    }),
  },
} as const satisfies Record<string, { group: AuditGroup; details: z.ZodType }>;

export type AuditAction = keyof typeof AUDIT_CATALOGUE;
export type AuditDetails<A extends AuditAction> = z.infer<(typeof AUDIT_CATALOGUE)[A]["details"]>;
export const AUDIT_ACTIONS = Object.keys(AUDIT_CATALOGUE) as AuditAction[];

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_CATALOGUE, value);
}
