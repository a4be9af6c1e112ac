import "server-only";
import { DeleteObjectCommand } from "@aws-sdk/client-s3";
import { bucket, s3 } from "./client";

// Tidying up after a write that did not commit, or after one that replaced an object: steps
// that are safe to repeat, so they get a few more tries than the SDK's own retries.

export const deleteObject = (key: string) => s3().send(new DeleteObjectCommand({ Bucket: bucket(), Key: key }));

/** A few more tries of an idempotent step of tidying up, past the SDK's own retries. */
export async function persist<T>(step: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await step();
    } catch (error) {
      if (i >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * i));
    }
  }
}
