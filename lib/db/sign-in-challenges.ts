import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { db, table } from "./client";
import type { TransactItem } from "./transact";

// The half-way point of a sign-in with two factors: the password was right, and the browser
// holds a random secret that lets it offer the second factor for five minutes. No session
// exists until then. The item is keyed by the secret's SHA-256 (as sessions are), so reading
// the table yields nothing usable; it names the user and the session generation it was issued
// under, so a password change or "sign out everywhere" in between voids it; and it is deleted,
// conditionally, in the same transaction that creates the session, so it serves one sign-in.
//
// Issuing one is not audited: like a throttle counter it changes nothing a person owns, and
// the sign-in it leads to (or the failed code) is audited when it happens.

export const CHALLENGE_MINUTES = 5;

const challengeSchema = z.object({
  id: z.string(),
  userId: z.string(),
  sessionGeneration: z.number().int(),
  expiresAtEpoch: z.number().int(),
});
export type SignInChallenge = z.infer<typeof challengeSchema>;

const epoch = (date: Date) => Math.floor(date.getTime() / 1000);
const idOf = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** Issues a challenge for `userId`; the secret returned goes to the browser and nowhere else. */
export async function issueChallenge(userId: string, sessionGeneration: number, now = new Date()): Promise<string> {
  const secret = randomBytes(32).toString("base64url");
  const item: SignInChallenge = { id: idOf(secret), userId, sessionGeneration, expiresAtEpoch: epoch(now) + CHALLENGE_MINUTES * 60 };
  await db().send(new PutCommand({ TableName: table("signInChallenges"), Item: item, ConditionExpression: "attribute_not_exists(id)" }));
  return secret;
}

/** The live challenge a secret names, or null (unknown, spent or expired: TTL deletes late, so the time is checked too). */
export async function getChallenge(secret: string, now = new Date()): Promise<SignInChallenge | null> {
  const out = await db().send(new GetCommand({ TableName: table("signInChallenges"), Key: { id: idOf(secret) }, ConsistentRead: true }));
  if (!out.Item) return null;
  const challenge = challengeSchema.parse(out.Item);
  return challenge.expiresAtEpoch > epoch(now) ? challenge : null;
}

/** Spends the challenge in the sign-in's transaction: fails it if another sign-in spent it first or it expired meanwhile. */
export function spendChallenge(challenge: SignInChallenge, now = new Date()): TransactItem {
  return {
    Delete: {
      TableName: table("signInChallenges"),
      Key: { id: challenge.id },
      ConditionExpression: "userId = :u AND expiresAtEpoch > :now",
      ExpressionAttributeValues: { ":u": challenge.userId, ":now": epoch(now) },
    },
  };
}
