import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

// Tamper evidence for audit entries: each stores an HMAC-SHA-256 of its canonical content,
// keyed by a server secret. Whoever can write the table but not read the secret cannot forge
// an entry or edit one unnoticed. It detects edits, not deletions (see the verify action).

/** The fields an entry's HMAC covers: everything it says, nothing DynamoDB adds for indexing. */
export const SIGNED_FIELDS = ["id", "userId", "actorRole", "action", "details", "timestamp", "ipAddress", "userAgent", "targetUserId"] as const;

function key(): Buffer {
  const { AUDIT_HMAC_SECRET, AUTH_SECRET } = env();
  return AUDIT_HMAC_SECRET ? Buffer.from(AUDIT_HMAC_SECRET) : createHmac("sha256", AUTH_SECRET).update("prework audit-log integrity v1").digest();
}

/** JSON with object keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])) : v,
  );
}

export function entryHmac(item: Record<string, unknown>): string {
  const signed = Object.fromEntries(SIGNED_FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]]));
  return createHmac("sha256", key()).update(canonicalJson(signed)).digest("hex");
}

export function entryIntact(item: Record<string, unknown>): boolean {
  const stored = typeof item.hmac === "string" ? Buffer.from(item.hmac, "hex") : Buffer.alloc(0);
  const expected = Buffer.from(entryHmac(item), "hex");
  return stored.length === expected.length && timingSafeEqual(stored, expected);
}
