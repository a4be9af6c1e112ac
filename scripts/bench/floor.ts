// The floor every page stands on, in the same run: one GetItem and one Query (a 50-row page of
// the directory, as the users list reads) straight against DynamoDB Local with the app's own
// client, and the production server's lightest authenticated answer (the session endpoint).
import { summarise } from "./stats";

export interface Floor {
  getItemP50: number;
  queryP50: number;
  lightestP50: number;
  lightestRoute: string;
}

async function timeMany(n: number, run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 10; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return summarise(times).p50;
}

export async function measureFloor(base: string, cookie: string, userId: string): Promise<Floor> {
  const { GetCommand, QueryCommand } = await import("@aws-sdk/lib-dynamodb");
  const { db, table } = await import("@/lib/db/client");
  const { INDEX } = await import("@/lib/db/tables");
  const { DIRECTORY } = await import("@/lib/db/user-item");
  const getItemP50 = await timeMany(200, () => db().send(new GetCommand({ TableName: table("users"), Key: { id: userId } })));
  const queryP50 = await timeMany(200, () =>
    db().send(new QueryCommand({ TableName: table("users"), IndexName: INDEX.users.directoryByName, KeyConditionExpression: "directory = :d", ExpressionAttributeValues: { ":d": DIRECTORY }, Limit: 50 })),
  );
  const lightestRoute = "/api/auth/session";
  const lightestP50 = await timeMany(100, async () => {
    const res = await fetch(`${base}${lightestRoute}`, { headers: { Cookie: cookie } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${lightestRoute} answered ${res.status}`);
  });
  return { getItemP50, queryP50, lightestP50, lightestRoute };
}
