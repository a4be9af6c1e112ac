import "server-only";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { type AuditContext, auditPut } from "./audit";
import { db, table } from "./client";
import { listPasskeys, passkeyDeletes } from "./passkeys";
import { transact, type TransactItem } from "./transact";
import { END_ALL_SESSIONS } from "./user-item";

// A user's secrets live in their own item of the credentials table, keyed by user id: the
// password hash, and for two-factor authentication the TOTP secret (sealed with AES-256-GCM by
// lib/auth/secret-box.ts, never in plain text), the last time step a code was accepted for, and
// the keyed hashes of the unused recovery codes (a string set). Each is written in the same
// transaction as the change that sets it. The user item never holds them, so listing,
// exporting or returning a user cannot leak them whatever the projection. Read only by lib/auth.

/** Sets the password hash, leaving the item's other secrets (the second factor) as they are. */
export function passwordHashWrite(userId: string, passwordHash: string, now = new Date()): TransactItem {
  return {
    Update: {
      TableName: table("credentials"),
      Key: { userId },
      UpdateExpression: "SET passwordHash = :hash, updatedAt = :now",
      ExpressionAttributeValues: { ":hash": passwordHash, ":now": now.toISOString() },
    },
  };
}

/** The key to read a user's credentials by (in the same BatchGet as the user). */
export const credentialKey = (userId: string) => ({ userId });

export interface SecondFactorRecord {
  /** The sealed TOTP secret (lib/auth/secret-box.ts). */
  totpSecretBox: string;
  enrolledAt: string;
  /** The last time step a code was accepted for; codes of this step or earlier are refused. */
  lastUsedStep: number | undefined;
  recoveryCodeHashes: Set<string>;
}

/** The second factor stored on a credentials item, or null when there is none. */
export function secondFactorOf(item: Record<string, unknown> | undefined): SecondFactorRecord | null {
  if (!item || typeof item.totpSecret !== "string") return null;
  const codes = item.recoveryCodes;
  return {
    totpSecretBox: item.totpSecret,
    enrolledAt: String(item.totpEnrolledAt ?? ""),
    lastUsedStep: typeof item.totpLastStep === "number" ? item.totpLastStep : undefined,
    recoveryCodeHashes: codes instanceof Set ? new Set([...codes].map(String)) : new Set(),
  };
}

/** How many passkeys the user has (lib/db/passkeys.ts keeps the count in each add's and removal's transaction). */
export function passkeyCountOf(item: Record<string, unknown> | undefined): number {
  return typeof item?.passkeyCount === "number" ? item.passkeyCount : 0;
}

export async function getSecondFactor(userId: string): Promise<SecondFactorRecord | null> {
  const out = await db().send(new GetCommand({ TableName: table("credentials"), Key: credentialKey(userId), ConsistentRead: true }));
  return secondFactorOf(out.Item);
}

/**
 * What proved a change: a TOTP code of a step later than the last one used, or one stored
 * recovery code. Written as a condition on the credentials item, so of two requests racing
 * with the same code only one can pass.
 */
export type Proof = { method: "totp"; step: number } | { method: "recovery_code"; hash: string };

function proofCondition(proof: Proof): { condition: string; values: Record<string, unknown> } {
  return proof.method === "totp"
    ? { condition: "attribute_exists(totpSecret) AND (attribute_not_exists(totpLastStep) OR totpLastStep < :step)", values: { ":step": proof.step } }
    : { condition: "attribute_exists(totpSecret) AND contains(recoveryCodes, :code)", values: { ":code": proof.hash } };
}

/** The update that spends a proof: the step becomes the last used, or the recovery code goes. */
function spend(proof: Proof): { clause: string; values: Record<string, unknown> } {
  return proof.method === "totp"
    ? { clause: "SET totpLastStep = :step", values: {} }
    : { clause: "DELETE recoveryCodes :spent", values: { ":spent": new Set([proof.hash]) } };
}

/** Spends `proof` inside a sign-in's transaction (lib/db/user-sign-in.ts). */
export function spendProof(userId: string, proof: Proof): TransactItem {
  const { condition, values } = proofCondition(proof);
  const spent = spend(proof);
  return {
    Update: {
      TableName: table("credentials"),
      Key: credentialKey(userId),
      UpdateExpression: spent.clause,
      ConditionExpression: condition,
      ExpressionAttributeValues: { ...values, ...spent.values },
    },
  };
}

/** A condition failed: the code was spent by a racing request, or the factor changed meanwhile. */
export class ProofRefused extends Error {
  constructor() {
    super("The code was already used, or two-factor authentication changed meanwhile.");
    this.name = "ProofRefused";
  }
}

async function write(items: TransactItem[], what: string): Promise<void> {
  await transact(items, (codes) => (codes[0] === "ConditionalCheckFailed" ? new ProofRefused() : new Error(`${what} cancelled: ${codes.join(",")}`)));
}

/**
 * Turns two-factor authentication on with a confirmed secret. The step of the confirming code
 * becomes the last used one, so that code cannot sign in too. Refused when a factor is already
 * enrolled (a second tab confirming another secret must not replace the first silently).
 */
export async function enrolSecondFactor(
  userId: string,
  factor: { totpSecretBox: string; confirmedStep: number; recoveryCodeHashes: string[] },
  ctx: AuditContext,
  now = new Date(),
): Promise<void> {
  await write(
    [
      {
        Update: {
          TableName: table("credentials"),
          Key: credentialKey(userId),
          UpdateExpression: "SET totpSecret = :secret, totpEnrolledAt = :now, totpLastStep = :step, recoveryCodes = :codes, updatedAt = :now",
          ConditionExpression: "attribute_not_exists(totpSecret)",
          ExpressionAttributeValues: { ":secret": factor.totpSecretBox, ":now": now.toISOString(), ":step": factor.confirmedStep, ":codes": new Set(factor.recoveryCodeHashes) },
        },
      },
      auditPut(ctx, { action: "mfa.enrolled", targetUserId: userId, details: { recoveryCodes: factor.recoveryCodeHashes.length } }, now),
    ],
    "enrolSecondFactor",
  );
}

const REMOVE_SECOND_FACTOR = "REMOVE totpSecret, totpEnrolledAt, totpLastStep, recoveryCodes";

/** Turns two-factor authentication off, proved by a current code or a recovery code. */
export async function removeSecondFactor(userId: string, proof: Proof, ctx: AuditContext, now = new Date()): Promise<void> {
  const { condition, values } = proofCondition(proof);
  await write(
    [
      {
        Update: {
          TableName: table("credentials"),
          Key: credentialKey(userId),
          UpdateExpression: `SET updatedAt = :now ${REMOVE_SECOND_FACTOR}`,
          ConditionExpression: condition,
          ExpressionAttributeValues: { ...values, ":now": now.toISOString() },
        },
      },
      auditPut(ctx, { action: "mfa.disabled", targetUserId: userId, details: { via: proof.method } }, now),
    ],
    "removeSecondFactor",
  );
}

/** Replaces every recovery code with new ones (a recovery code that proves it is spent with the rest). */
export async function replaceRecoveryCodes(userId: string, proof: Proof, recoveryCodeHashes: string[], ctx: AuditContext, now = new Date()): Promise<void> {
  const { condition, values } = proofCondition(proof);
  await write(
    [
      {
        Update: {
          TableName: table("credentials"),
          Key: credentialKey(userId),
          UpdateExpression: `SET recoveryCodes = :codes, updatedAt = :now${proof.method === "totp" ? ", totpLastStep = :step" : ""}`,
          ConditionExpression: condition,
          ExpressionAttributeValues: { ...values, ":codes": new Set(recoveryCodeHashes), ":now": now.toISOString() },
        },
      },
      auditPut(ctx, { action: "mfa.recovery_codes_regenerated", targetUserId: userId, details: { recoveryCodes: recoveryCodeHashes.length, via: proof.method } }, now),
    ],
    "replaceRecoveryCodes",
  );
}

/**
 * An admin's reset of someone else's second factor (no code: they lost it): the authenticator
 * app, the recovery codes and every passkey. Every session of that user ends in the same
 * transaction (the session generation moves), since whoever holds one may be who took the
 * phone. ProofRefused when there was no second factor to reset, or when a passkey was added or
 * removed meanwhile (the count it read no longer holds: the admin tries again).
 */
export async function resetSecondFactor(userId: string, ctx: AuditContext, now = new Date()): Promise<void> {
  const passkeys = await listPasskeys(userId);
  await write(
    [
      {
        Update: {
          TableName: table("credentials"),
          Key: credentialKey(userId),
          UpdateExpression: `SET updatedAt = :now ${REMOVE_SECOND_FACTOR}, passkeyCount`,
          ConditionExpression: `(attribute_exists(totpSecret) OR passkeyCount > :zero) AND ${passkeys.length ? "passkeyCount = :count" : "(attribute_not_exists(passkeyCount) OR passkeyCount = :zero)"}`,
          ExpressionAttributeValues: { ":now": now.toISOString(), ":zero": 0, ...(passkeys.length ? { ":count": passkeys.length } : {}) },
        },
      },
      ...passkeyDeletes(passkeys),
      {
        Update: {
          TableName: table("users"),
          Key: { id: userId },
          UpdateExpression: END_ALL_SESSIONS.clause,
          ConditionExpression: "attribute_exists(id)",
          ExpressionAttributeValues: END_ALL_SESSIONS.values,
        },
      },
      auditPut(ctx, { action: "mfa.reset_by_admin", targetUserId: userId, details: passkeys.length ? { passkeysRemoved: passkeys.length } : {} }, now),
    ],
    "resetSecondFactor",
  );
}
