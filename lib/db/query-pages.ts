import "server-only";
import { QueryCommand, type QueryCommandInput, type QueryCommandOutput } from "@aws-sdk/lib-dynamodb";
import { db } from "./client";

/**
 * Every page of a Query in order, each read only when the caller asks for the next (`break`
 * stops reading): for walks that must see every match (counts, integrity checks), not for the
 * lists people page through, which stop at one page and hand out a cursor (lib/db/cursor.ts).
 */
export async function* queryPages(input: Omit<QueryCommandInput, "ExclusiveStartKey">): AsyncGenerator<QueryCommandOutput, void, undefined> {
  let key: Record<string, unknown> | undefined;
  do {
    const out = await db().send(new QueryCommand({ ...input, ExclusiveStartKey: key }));
    yield out;
    key = out.LastEvaluatedKey;
  } while (key);
}
