import "server-only";
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { HeadBucketCommand } from "@aws-sdk/client-s3";
import { db, table } from "@/lib/db/client";
import { bucket, s3 } from "@/lib/s3/client";

export type Reachability = "ok" | "unreachable";

async function probe(check: () => Promise<unknown>): Promise<Reachability> {
  try {
    await check();
    return "ok";
  } catch (error) {
    console.error("health check failed", error);
    return "unreachable";
  }
}

/** Whether the app's table and bucket answer; details stay in the server log. */
export async function checkHealth(): Promise<{ dynamodb: Reachability; s3: Reachability }> {
  const [dynamodb, storage] = await Promise.all([
    probe(() => db().send(new DescribeTableCommand({ TableName: table("users") }))),
    probe(() => s3().send(new HeadBucketCommand({ Bucket: bucket() }))),
  ]);
  return { dynamodb, s3: storage };
}
