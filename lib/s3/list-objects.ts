import "server-only";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { bucket, s3 } from "./client";

export interface ListedObject {
  key: string;
  /** Last modified, epoch milliseconds (0 when S3 does not say). */
  modified: number;
}

/** Every object under a prefix, page after page (S3 lists at most 1,000 a call). */
export async function listObjects(prefix: string): Promise<ListedObject[]> {
  const objects: ListedObject[] = [];
  let token: string | undefined;
  do {
    const page = await s3().send(new ListObjectsV2Command({ Bucket: bucket(), Prefix: prefix, ContinuationToken: token }));
    for (const object of page.Contents ?? []) if (object.Key) objects.push({ key: object.Key, modified: object.LastModified?.getTime() ?? 0 });
    token = page.NextContinuationToken;
  } while (token);
  return objects;
}
