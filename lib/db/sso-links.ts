import "server-only";
import { table } from "./client";
import { credentialKey } from "./credentials";
import { type TransactItem } from "./transact";

// Which subject (the IdP's stable `sub`) of each OIDC provider a user signed in as, kept on the
// user's credentials item (lib/db/credentials.ts) as one attribute per provider: the first SSO
// sign-in records it in the sign-in's own transaction, and a later sign-in by another subject of
// the same provider with the same email is refused (the IdP's account was replaced or
// re-assigned; an admin decides, the app does not silently follow the email).

const PREFIX = "sso#";

/** The linked subject per provider id, from a credentials item. */
export function ssoLinksOf(item: Record<string, unknown> | undefined): Record<string, string> {
  const links: Record<string, string> = {};
  for (const [name, value] of Object.entries(item ?? {})) {
    if (name.startsWith(PREFIX) && typeof value === "string") links[name.slice(PREFIX.length)] = value;
  }
  return links;
}

/**
 * Records the link, or keeps it when it is already this subject; a different subject fails the
 * condition and with it the whole sign-in.
 */
export function ssoLinkWrite(userId: string, providerId: string, subject: string, now = new Date()): TransactItem {
  return {
    Update: {
      TableName: table("credentials"),
      Key: credentialKey(userId),
      UpdateExpression: "SET #link = :subject, updatedAt = :now",
      ConditionExpression: "attribute_not_exists(#link) OR #link = :subject",
      ExpressionAttributeNames: { "#link": `${PREFIX}${providerId}` },
      ExpressionAttributeValues: { ":subject": subject, ":now": now.toISOString() },
    },
  };
}
