// Local stand-in for the S3 lifecycle rule of the AWS template: deletes temp upload objects
// older than a day (DynamoDB Local's TTL already removes never-completed pending records).
// Run with `npm run cleanup:uploads` while `npm run dev`'s services are up.
import { DeleteObjectCommand, ListObjectsV2Command, type ListObjectsV2CommandOutput } from "@aws-sdk/client-s3";
import { bucket, s3 } from "@/lib/s3/client";

const DAY_MS = 24 * 60 * 60 * 1000;

export async function cleanupTempUploads(olderThanMs = DAY_MS): Promise<number> {
  let removed = 0;
  let token: string | undefined;
  do {
    const page: ListObjectsV2CommandOutput = await s3().send(new ListObjectsV2Command({ Bucket: bucket(), Prefix: "users/", ContinuationToken: token }));
    for (const object of page.Contents ?? []) {
      if (!object.Key || !/^users\/[^/]+\/uploads\/temp\//.test(object.Key)) continue;
      if (object.LastModified && Date.now() - object.LastModified.getTime() < olderThanMs) continue;
      await s3().send(new DeleteObjectCommand({ Bucket: bucket(), Key: object.Key }));
      removed++;
    }
    token = page.NextContinuationToken;
  } while (token);
  return removed;
}

if (require.main === module) {
  cleanupTempUploads()
    .then((n) => console.log(`Removed ${n} stale temp upload${n === 1 ? "" : "s"}.`))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
