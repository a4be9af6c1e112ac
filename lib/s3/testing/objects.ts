// Test support: what the bucket holds, read straight from S3 (integration and e2e tests alike).
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { bucket, s3 } from "../client";

export async function objectExists(key: string): Promise<boolean> {
  try {
    await s3().send(new HeadObjectCommand({ Bucket: bucket(), Key: key }));
    return true;
  } catch {
    return false;
  }
}
