// The S3 side of the local stack (s3rver runs in this process): the bucket with its CORS rule,
// and a close that does not hang on keep-alive sockets.
import { CreateBucketCommand, HeadBucketCommand, PutBucketCorsCommand, S3Client } from "@aws-sdk/client-s3";
import type S3rver from "s3rver";
import { REGION } from "./region";

export async function prepareBucket(endpoint: string, bucket: string, corsOrigins: string[]): Promise<void> {
  const s3 = new S3Client({
    endpoint,
    region: REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  try {
    let exists = true;
    try {
      await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status !== 404) throw error;
      exists = false;
    }
    if (!exists) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    if (corsOrigins.length) {
      await s3.send(
        new PutBucketCorsCommand({
          Bucket: bucket,
          CORSConfiguration: {
            CORSRules: [
              {
                AllowedOrigins: corsOrigins,
                AllowedMethods: ["GET", "PUT", "HEAD"],
                AllowedHeaders: ["*"],
                ExposeHeaders: ["ETag"],
                MaxAgeSeconds: 3000,
              },
            ],
          },
        }),
      );
    }
  } finally {
    s3.destroy();
  }
}

export async function closeS3rver(server: S3rver): Promise<void> {
  // close() waits for idle keep-alive sockets (the SDK keeps some): drop them first.
  server.httpServer?.closeAllConnections();
  await server.close().catch(() => undefined);
}
