// Storage stays clean: a file whose expiry passes, and an upload never completed, are removed by
// DynamoDB Local's own TTL; the change stream, read by the same poller `npm run dev` starts,
// hands them to lib/storage/file-stream.ts, which deletes their objects and audits them.
import { randomUUID } from "node:crypto";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StreamPoller } from "../../scripts/local-stack/stream-poller";
import { startFileStream } from "../../scripts/local-stack/file-stream";
import { listAuditByTarget } from "@/lib/db/audit";
import { db, table } from "@/lib/db/client";
import { getFile } from "@/lib/db/files";
import { createUser } from "@/lib/db/users";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { bucket, s3 } from "@/lib/s3/client";
import { finalUploadKey } from "@/lib/s3/keys";
import { completeUpload, deleteFile, startUpload } from "@/lib/uploads/service";
import { handleFileStreamRecords, ttlRemovalOf } from "./file-stream";
import { objectExists } from "@/lib/s3/testing/objects";

const ctx = { actorId: "storage-test", userAgent: "vitest" };
const PDF = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(300, 32)]);
let poller: StreamPoller;

beforeAll(async () => {
  poller = await startFileStream(process.env.DYNAMODB_ENDPOINT!, process.env.TABLE_PREFIX!, handleFileStreamRecords);
});
afterAll(async () => {
  await poller.stop();
});

const exists = objectExists;

async function readyDocument() {
  const owner = await createUser({ email: `storage-${randomUUID()}@example.com`, name: "Storer", role: "user" }, ctx);
  const started = await startUpload(owner, { purpose: "document", name: "Old notes.pdf", type: "application/pdf", size: PDF.length }, ctx);
  await fetch(started.uploadUrl, { method: "PUT", headers: { "Content-Type": "application/pdf" }, body: new Uint8Array(PDF) });
  const result = await completeUpload((await getFile(started.fileId, { consistent: true }))!, ctx);
  if (!result.ok) throw new Error("upload failed");
  return { owner, file: (await getFile(started.fileId, { consistent: true }))! };
}

/** What TTL would do once the moment passes: the item's TTL attribute set a minute ago. */
async function expireNow(fileId: string) {
  await db().send(new UpdateCommand({ TableName: table("files"), Key: { id: fileId }, UpdateExpression: "SET expiresAtEpoch = :past", ExpressionAttributeValues: { ":past": Math.floor(Date.now() / 1000) - 60 } }));
}

const actionsFor = async (userId: string) => (await listAuditByTarget(userId)).items.map((e) => e.action);

// DynamoDB Local's TTL sweep takes from one to about ten seconds, and each test waits for it once or twice.
describe("the files table's stream", { timeout: 60_000 }, () => {
  it("deletes the object of a file TTL removed and audits file.expired once", async () => {
    const { owner, file } = await readyDocument();
    expect(await exists(file.s3Key)).toBe(true);
    await expireNow(file.id);

    await expect.poll(() => exists(file.s3Key), { timeout: 30_000, interval: 250 }).toBe(false);
    await expect.poll(() => actionsFor(owner.id), { timeout: 10_000 }).toContain("file.expired");
    expect(await getFile(file.id, { consistent: true })).toBeNull();
    const entry = (await listAuditByTarget(owner.id)).items.find((e) => e.action === "file.expired")!;
    expect(entry).toMatchObject({ userId: "system", details: { fileId: file.id, name: "Old notes.pdf", purpose: "document", s3Key: file.s3Key } });

    // The same record delivered again (as Lambda may) deletes nothing new and writes no second entry.
    const record = { eventName: "UNKNOWN_TO_SDK_VERSION", dynamodb: { OldImage: { id: { S: file.id }, uploadedBy: { S: owner.id }, s3Key: { S: file.s3Key }, originalName: { S: "Old notes.pdf" }, purpose: { S: "document" }, status: { S: "ready" }, expiresAtEpoch: { N: "1" } } } };
    expect(await handleFileStreamRecords([record])).toEqual({ expired: 1, abandoned: 0 });
    expect((await actionsFor(owner.id)).filter((a) => a === "file.expired")).toHaveLength(1);
  });

  it("deletes the temp object of an upload never completed, and any copy its completion left, and audits file.upload_abandoned", async () => {
    const owner = await createUser({ email: `abandon-${randomUUID()}@example.com`, name: "Quitter", role: "user" }, ctx);
    const started = await startUpload(owner, { purpose: "document", name: "Half.pdf", type: "application/pdf", size: PDF.length }, ctx);
    await fetch(started.uploadUrl, { method: "PUT", headers: { "Content-Type": "application/pdf" }, body: new Uint8Array(PDF) });
    const pending = (await getFile(started.fileId, { consistent: true }))!;
    expect(await exists(pending.s3Key)).toBe(true);
    // A completion that copied to the final key, then failed and could not take the copy back.
    const copy = finalUploadKey(pending);
    await s3().send(new PutObjectCommand({ Bucket: bucket(), Key: copy, Body: new Uint8Array(PDF) }));
    await expireNow(pending.id);

    await expect.poll(() => exists(pending.s3Key), { timeout: 30_000, interval: 250 }).toBe(false);
    await expect.poll(() => exists(copy), { timeout: 10_000, interval: 250 }).toBe(false);
    await expect.poll(() => actionsFor(owner.id), { timeout: 10_000 }).toContain("file.upload_abandoned");
  });

  it("leaves a person's delete alone (audited once, as file.deleted) and keeps going after S3 fails", async () => {
    const { owner, file } = await readyDocument();
    await deleteFile(file, ctx);
    expect(ttlRemovalOf({ eventName: "REMOVE", dynamodb: { OldImage: { id: { S: file.id } } } })).toBeNull();

    // S3 refuses the next two deletes: the poller reads the batch again until it goes through.
    const second = await readyDocument();
    let refusals = 2;
    const name = `refuse-delete-${randomUUID()}`;
    s3().middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "DeleteObjectCommand" && refusals > 0) {
          refusals--;
          throw Object.assign(new Error("injected: service unavailable"), { name: "ServiceUnavailable", $metadata: { httpStatusCode: 503 } });
        }
        return next(args);
      },
      { step: "initialize", name },
    );
    try {
      await expireNow(second.file.id);
      await expect.poll(() => exists(second.file.s3Key), { timeout: 30_000, interval: 250 }).toBe(false);
      await expect.poll(() => actionsFor(second.owner.id), { timeout: 10_000 }).toContain("file.expired");
      expect(refusals).toBe(0);
    } finally {
      s3().middlewareStack.remove(name);
    }
    expect((await actionsFor(owner.id)).filter((a) => a === "file.expired" || a === "file.deleted")).toEqual(["file.deleted"]);
  });
});
