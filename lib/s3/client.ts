import "server-only";
import { S3Client } from "@aws-sdk/client-s3";
import { withAppCredentials } from "@/lib/aws-credentials";
import { env } from "@/lib/env";

let client: S3Client | undefined;

/** The one S3 client of the process. */
export function s3(): S3Client {
  if (client) return client;
  const { AWS_REGION, S3_ENDPOINT } = env();
  client = new S3Client({
    region: AWS_REGION,
    // Without these the SDK bakes an empty-body CRC32 into presigned PUT URLs, which real S3
    // then rejects for every upload (STACK.md).
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    ...(S3_ENDPOINT
      ? { endpoint: S3_ENDPOINT, forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } }
      : withAppCredentials()),
  });
  return client;
}

export function bucket(): string {
  return env().S3_BUCKET;
}
