import "server-only";
import { GetObjectCommand, NoSuchKey, PutObjectCommand } from "@aws-sdk/client-s3";
import { type AuditContext, SYSTEM_ACTOR } from "@/lib/db/audit";
import { getTemplateMetadata } from "@/lib/db/templates";
import { ConflictError } from "@/lib/errors";
import { bucket, s3 } from "@/lib/s3/client";
import { PUBLIC_SAMPLE_TEMPLATE_KEY } from "@/lib/s3/keys";
import sample from "./sample-template.json";
import { createTemplate } from "./service";

// The sample every installation starts with, run by the local setup and safe to run again:
// the public copy is written only when absent or different, and the template under the fixed id
// is created only once (its conditional put refuses a second one, even from a racing start).

export const SAMPLE_TEMPLATE_ID = "sample";
const SYSTEM: AuditContext = { actorId: SYSTEM_ACTOR, userAgent: "prework-setup" };

async function publicCopy(): Promise<string | null> {
  try {
    const out = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: PUBLIC_SAMPLE_TEMPLATE_KEY }));
    return (await out.Body?.transformToString("utf8")) ?? null;
  } catch (error) {
    if (error instanceof NoSuchKey) return null;
    throw error;
  }
}

/** What changed: whether the public copy was (re)written and whether the template was created. */
export async function ensureSampleTemplate(): Promise<{ publicCopyWritten: boolean; templateCreated: boolean }> {
  const body = `${JSON.stringify(sample, null, 2)}\n`;
  const publicCopyWritten = (await publicCopy()) !== body;
  if (publicCopyWritten) {
    await s3().send(new PutObjectCommand({ Bucket: bucket(), Key: PUBLIC_SAMPLE_TEMPLATE_KEY, Body: body, ContentType: "application/json" }));
  }
  if (await getTemplateMetadata(SAMPLE_TEMPLATE_ID, { consistent: true })) return { publicCopyWritten, templateCreated: false };
  try {
    await createTemplate(sample, SYSTEM, { id: SAMPLE_TEMPLATE_ID });
    return { publicCopyWritten, templateCreated: true };
  } catch (error) {
    // Another start created it between the read and the write.
    if (error instanceof ConflictError) return { publicCopyWritten, templateCreated: false };
    throw error;
  }
}
