import "server-only";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { bucket, s3 } from "./client";

export interface ListedObject {
  key: string;
  /** Last modified, epoch milliseconds (0 when S3 does not say). */
  modified: number;
  size: number;
  /** As S3 gives it, quotes included: the MD5 of the content unless the object was uploaded in parts. */
  etag: string;
}

/** The objects under a prefix one page (up to 1,000) at a time, for callers that stream them. */
export async function* listObjectPages(prefix: string, signal?: AbortSignal): AsyncGenerator<ListedObject[]> {
  let token: string | undefined;
  do {
    const page = await s3().send(new ListObjectsV2Command({ Bucket: bucket(), Prefix: prefix, ContinuationToken: token }), { abortSignal: signal });
    yield (page.Contents ?? []).flatMap((object) =>
      object.Key ? [{ key: object.Key, modified: object.LastModified?.getTime() ?? 0, size: object.Size ?? 0, etag: object.ETag ?? "" }] : [],
    );
    token = page.NextContinuationToken;
  } while (token);
}

/** Every object under a prefix, page after page (S3 lists at most 1,000 a call). */
export async function listObjects(prefix: string): Promise<ListedObject[]> {
  const objects: ListedObject[] = [];
  for await (const page of listObjectPages(prefix)) objects.push(...page);
  return objects;
}
