// Local stand-in for the S3 lifecycle rule of the CDK app (lib/infra/media-bucket.ts): deletes temp upload objects
// older than a day (DynamoDB Local's TTL already removes never-completed pending records).
// `npm run dev` runs it at start; `npm run cleanup:uploads` runs it against the running local
// services (or against AWS when AWS settings are given).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const DAY_MS = 24 * 60 * 60 * 1000;

export async function cleanupTempUploads(olderThanMs = DAY_MS): Promise<number> {
  // Imported here: lib/ reads its configuration from process.env on first use.
  const { DeleteObjectCommand } = await import("@aws-sdk/client-s3");
  const { bucket, s3 } = await import("@/lib/s3/client");
  const { isTempUploadKey } = await import("@/lib/s3/keys");
  const { listObjects } = await import("@/lib/s3/list-objects");
  const stale = (await listObjects("users/")).filter((o) => isTempUploadKey(o.key) && Date.now() - o.modified >= olderThanMs);
  for (const object of stale) await s3().send(new DeleteObjectCommand({ Bucket: bucket(), Key: object.key }));
  return stale.length;
}

/** The settings `npm run dev` gives the app, for running this beside it. */
export function pointAtLocalServices(): void {
  const env = process.env;
  if (env.DYNAMODB_ENDPOINT || env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE) return;
  env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${env.DYNAMODB_PORT || 8000}`;
  env.S3_ENDPOINT = `http://127.0.0.1:${env.S3_PORT || 4569}`;
  const secretFile = path.join(__dirname, "..", ".data", "auth-secret");
  env.AUTH_SECRET ??= existsSync(secretFile) ? readFileSync(secretFile, "utf8").trim() : "";
}

if (require.main === module) {
  pointAtLocalServices();
  cleanupTempUploads()
    .then((n) => console.log(`Removed ${n} stale temp upload${n === 1 ? "" : "s"}.`))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
