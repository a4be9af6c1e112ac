import "server-only";
import { BatchWriteCommand, type BatchWriteCommandOutput, PutCommand } from "@aws-sdk/lib-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { ROLES, USER_STATUSES, userStatus } from "@/lib/validation/users";
import { batchGetAll } from "./batch-get";
import { db, table } from "./client";
import { scanPages } from "./scan-table";
import { countKey, type Indexed, userSearchItems } from "./user-search";

// Builds the word index and the per-role counts (lib/db/user-search.ts) for users written before
// they existed. It scans the users table, so only operator tools call it (start-up of the local
// stack, `npm run admin:create`, the bench's bulk seeding): the app's role has no Scan.

// v2: search items carry the status (invited among them) and users are counted per status.
const MARKER = "user-search#v2";

async function batchPut(tableName: string, items: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let requests: NonNullable<BatchWriteCommandOutput["UnprocessedItems"]>[string] | undefined = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let round = 0; requests?.length; round++) {
      if (round > 8) throw new Error("rebuildUserSearch: writes left unprocessed after 8 rounds");
      if (round) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** round));
      const out: BatchWriteCommandOutput = await db().send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = out.UnprocessedItems?.[tableName];
    }
  }
}

/**
 * Writes every user's search items and recounts users per role and status from the users
 * table. For data from before the index (and for tests and the bench that seed users in bulk);
 * run while nobody is changing users, as start-up does.
 */
export async function rebuildUserSearch(): Promise<{ users: number }> {
  const counts = new Map<string, number>();
  for (const role of ROLES) for (const status of USER_STATUSES) counts.set(countKey(role, status), 0);
  let users = 0;
  const pages = scanPages("users", { projection: "id, #name, email, #role, isActive, invitedAt", names: { "#name": "name", "#role": "role" } });
  for await (const page of pages) {
    const batch = page.items.map((raw) => unmarshall(raw) as Indexed);
    await batchPut(table("userSearch"), batch.flatMap((user) => userSearchItems(user)));
    for (const user of batch) {
      const key = countKey(user.role, userStatus(user));
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    users += batch.length;
  }
  await batchPut(
    table("counters"),
    [...counts].map(([key, n]) => ({ key, n })),
  );
  await db().send(new PutCommand({ TableName: table("counters"), Item: { key: MARKER, builtAt: new Date().toISOString(), users } }));
  return { users };
}

/** Builds the index once per installation (start-up calls it; later starts find the marker). */
export async function ensureUserSearch(): Promise<void> {
  const marker = await batchGetAll({ [table("counters")]: { Keys: [{ key: MARKER }], ConsistentRead: true } });
  if ((marker.get(table("counters")) ?? []).length) return;
  await rebuildUserSearch();
}
