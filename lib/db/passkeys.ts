import "server-only";
import { createHash } from "node:crypto";
import { GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { type AuditContext, auditPut } from "./audit";
import { db, table } from "./client";
import { transact, type TransactItem } from "./transact";

// A user's passkeys (WebAuthn credentials), one item each in the passkeys table keyed by user
// id and credential id, holding only what verifying a signature needs (the COSE public key,
// the signature counter, the transports) and what the account page shows (a name, when it was
// added and last used). The credentials item (lib/db/credentials.ts) keeps `passkeyCount`,
// moved in the same transaction as every add and removal, so the sign-in's and the policy's
// one strongly consistent read of that item says whether a passkey exists.
//
// WebAuthn challenges live in the sign-in challenges table, keyed by a SHA-256 of
// "webauthn:" + the challenge (a key space of their own: a password step's secret never names
// one), each for one purpose and deleted in the transaction of what it was issued for.

/** How many passkeys one account may hold (the admin reset deletes them all in one transaction). */
export const MAX_PASSKEYS = 10;

const passkeySchema = z.object({
  userId: z.string(),
  credentialId: z.string(),
  publicKey: z.string(),
  counter: z.number().int().min(0),
  transports: z.array(z.string()).default([]),
  name: z.string(),
  /** The person chose to sign in with it alone (a discoverable credential with user verification). */
  passwordless: z.boolean().default(false),
  createdAt: z.string(),
  lastUsedAt: z.string().optional(),
});
export type StoredPasskey = z.infer<typeof passkeySchema>;
/** What the account page lists: no key material. */
export type PasskeySummary = Pick<StoredPasskey, "credentialId" | "name" | "passwordless" | "createdAt" | "lastUsedAt">;

const keyOf = (userId: string, credentialId: string) => ({ userId, credentialId });

export async function listPasskeys(userId: string): Promise<StoredPasskey[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: table("passkeys"),
      KeyConditionExpression: "userId = :u",
      ExpressionAttributeValues: { ":u": userId },
      ConsistentRead: true,
      Limit: MAX_PASSKEYS * 2,
    }),
  );
  return (out.Items ?? []).map((item) => passkeySchema.parse(item)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function getPasskey(userId: string, credentialId: string): Promise<StoredPasskey | null> {
  const out = await db().send(new GetCommand({ TableName: table("passkeys"), Key: keyOf(userId, credentialId), ConsistentRead: true }));
  return out.Item ? passkeySchema.parse(out.Item) : null;
}

/** A condition failed: the passkey exists already, or is gone, or the limit was reached meanwhile. */
export class PasskeyConflict extends Error {
  constructor(readonly reason: "exists" | "missing" | "challenge" | "limit") {
    super(`passkey write refused (${reason})`);
    this.name = "PasskeyConflict";
  }
}

/** Adds a verified passkey, spends its registration challenge and audits it, in one transaction. */
export async function addPasskey(passkey: StoredPasskey, challenge: PasskeyChallenge, ctx: AuditContext, now = new Date()): Promise<void> {
  const reasons = ["exists", "challenge", "limit"] as const;
  await transact(
    [
      { Put: { TableName: table("passkeys"), Item: passkey, ConditionExpression: "attribute_not_exists(credentialId)" } },
      spendPasskeyChallenge(challenge, now),
      {
        Update: {
          TableName: table("credentials"),
          Key: { userId: passkey.userId },
          UpdateExpression: "SET updatedAt = :now ADD passkeyCount :one",
          ConditionExpression: "attribute_not_exists(passkeyCount) OR passkeyCount < :max",
          ExpressionAttributeValues: { ":now": now.toISOString(), ":one": 1, ":max": MAX_PASSKEYS },
        },
      },
      auditPut(ctx, { action: "passkey.registered", targetUserId: passkey.userId, details: { credentialId: passkey.credentialId, name: passkey.name, passwordless: passkey.passwordless } }, now),
    ],
    (codes) => {
      const failed = codes.findIndex((c) => c === "ConditionalCheckFailed");
      return failed >= 0 && failed < reasons.length ? new PasskeyConflict(reasons[failed]!) : new Error(`addPasskey cancelled: ${codes.join(",")}`);
    },
  );
}

/** Removes one of the user's passkeys and audits it, in one transaction; PasskeyConflict("missing") when it is not theirs or gone. */
export async function removePasskey(userId: string, passkey: Pick<StoredPasskey, "credentialId" | "name">, ctx: AuditContext, now = new Date()): Promise<void> {
  await transact(
    [
      { Delete: { TableName: table("passkeys"), Key: keyOf(userId, passkey.credentialId), ConditionExpression: "attribute_exists(credentialId)" } },
      {
        Update: {
          TableName: table("credentials"),
          Key: { userId },
          UpdateExpression: "SET updatedAt = :now ADD passkeyCount :minus",
          ConditionExpression: "passkeyCount > :zero",
          ExpressionAttributeValues: { ":now": now.toISOString(), ":minus": -1, ":zero": 0 },
        },
      },
      auditPut(ctx, { action: "passkey.removed", targetUserId: userId, details: { credentialId: passkey.credentialId, name: passkey.name } }, now),
    ],
    (codes) => (codes.includes("ConditionalCheckFailed") ? new PasskeyConflict("missing") : new Error(`removePasskey cancelled: ${codes.join(",")}`)),
  );
}

/**
 * A sign-in's use of a passkey, inside recordSignIn's transaction: the new counter and the time,
 * conditioned on the counter it was verified against, so of two requests replaying one
 * assertion (or racing with two) only one signs in.
 */
export function passkeyUseWrite(passkey: StoredPasskey, newCounter: number, now = new Date()): TransactItem {
  return {
    Update: {
      TableName: table("passkeys"),
      Key: keyOf(passkey.userId, passkey.credentialId),
      UpdateExpression: "SET #counter = :new, lastUsedAt = :now",
      ConditionExpression: "#counter = :old",
      ExpressionAttributeNames: { "#counter": "counter" },
      ExpressionAttributeValues: { ":new": newCounter, ":old": passkey.counter, ":now": now.toISOString() },
    },
  };
}

/** The deletes of every passkey of a user, for the admin reset's transaction. */
export function passkeyDeletes(passkeys: StoredPasskey[]): TransactItem[] {
  return passkeys.map((p) => ({ Delete: { TableName: table("passkeys"), Key: keyOf(p.userId, p.credentialId) } }));
}

export const PASSKEY_CHALLENGE_MINUTES = 5;

export type PasskeyChallengePurpose = "registration" | "second-factor" | "passwordless";

const challengeSchema = z.object({
  id: z.string(),
  purpose: z.enum(["registration", "second-factor", "passwordless"]),
  /** Who it was issued to (absent for a passwordless sign-in, where nobody is known yet). */
  userId: z.string().optional(),
  /** For a second factor: the id of the password step's challenge it continues. */
  signInChallengeId: z.string().optional(),
  expiresAtEpoch: z.number().int(),
});
export type PasskeyChallenge = z.infer<typeof challengeSchema>;

const epoch = (date: Date) => Math.floor(date.getTime() / 1000);
const idOf = (challenge: string) => createHash("sha256").update(`webauthn:${challenge}`).digest("hex");

/** Stores a WebAuthn challenge (base64url, as the options carry it) for one purpose. */
export async function storePasskeyChallenge(
  challenge: string,
  purpose: PasskeyChallengePurpose,
  owner: { userId?: string; signInChallengeId?: string },
  now = new Date(),
): Promise<void> {
  const item: PasskeyChallenge = { id: idOf(challenge), purpose, ...owner, expiresAtEpoch: epoch(now) + PASSKEY_CHALLENGE_MINUTES * 60 };
  await db().send(new PutCommand({ TableName: table("signInChallenges"), Item: item, ConditionExpression: "attribute_not_exists(id)" }));
}

/** The live challenge of `purpose`, or null (unknown, spent, expired or issued for something else). */
export async function getPasskeyChallenge(challenge: string, purpose: PasskeyChallengePurpose, now = new Date()): Promise<PasskeyChallenge | null> {
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(challenge)) return null;
  const out = await db().send(new GetCommand({ TableName: table("signInChallenges"), Key: { id: idOf(challenge) }, ConsistentRead: true }));
  const parsed = challengeSchema.safeParse(out.Item);
  if (!parsed.success) return null;
  return parsed.data.purpose === purpose && parsed.data.expiresAtEpoch > epoch(now) ? parsed.data : null;
}

/** Spends the challenge in the transaction it was issued for. */
export function spendPasskeyChallenge(challenge: PasskeyChallenge, now = new Date()): TransactItem {
  return {
    Delete: {
      TableName: table("signInChallenges"),
      Key: { id: challenge.id },
      ConditionExpression: "purpose = :p AND expiresAtEpoch > :now",
      ExpressionAttributeValues: { ":p": challenge.purpose, ":now": epoch(now) },
    },
  };
}
