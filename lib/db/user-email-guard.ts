import "server-only";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { db, table } from "./client";
import { type TransactItem } from "./transact";

// The user-emails table: one item per email, written in the same transaction as the user it
// names, so two users can never share an email (a GSI cannot enforce that), and read with
// ConsistentRead at sign-in (a GSI cannot give that either).

export function guardPut(email: string, userId: string): TransactItem {
  return {
    Put: {
      TableName: table("userEmails"),
      Item: { email, userId },
      ConditionExpression: "attribute_not_exists(email)",
    },
  };
}

export function guardDelete(email: string, userId: string): TransactItem {
  return {
    Delete: {
      TableName: table("userEmails"),
      Key: { email },
      ConditionExpression: "userId = :id",
      ExpressionAttributeValues: { ":id": userId },
    },
  };
}

export async function userIdForEmail(email: string): Promise<string | null> {
  const out = await db().send(
    new GetCommand({ TableName: table("userEmails"), Key: { email }, ConsistentRead: true }),
  );
  const userId = out.Item?.userId;
  return typeof userId === "string" ? userId : null;
}
