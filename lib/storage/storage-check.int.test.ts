import { randomUUID } from "node:crypto";
import { DeleteObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { listAuditByTarget } from "@/lib/db/audit";
import { getFile } from "@/lib/db/files";
import { createUser } from "@/lib/db/users";
import { bucket, s3 } from "@/lib/s3/client";
import { finalUploadKey } from "@/lib/s3/keys";
import { completeUpload, startUpload } from "@/lib/uploads/service";
import { checkStorage, repairStorage } from "./storage-check";
import { objectExists } from "@/lib/s3/testing/objects";

const ctx = { actorId: "storage-check-test", userAgent: "vitest" };
const PDF = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(300, 32)]);
const HOUR = 60 * 60 * 1000;

const exists = objectExists;

// Other test files share the table and bucket while this runs: the check is limited to this
// test's user (the scope the reliability suite uses too).
describe("storage check", () => {
  it("finds an object without metadata, a stale temp object and a ready file without its object, and repairs them", async () => {
    const owner = await createUser({ email: `check-${randomUUID()}@example.com`, name: "Checker", role: "user" }, ctx);
    const started = await startUpload(owner, { purpose: "document", name: "Kept.pdf", type: "application/pdf", size: PDF.length }, ctx);
    await fetch(started.uploadUrl, { method: "PUT", headers: { "Content-Type": "application/pdf" }, body: new Uint8Array(PDF) });
    const result = await completeUpload((await getFile(started.fileId, { consistent: true }))!, ctx);
    if (!result.ok) throw new Error("upload failed");
    const ready = (await getFile(started.fileId, { consistent: true }))!;

    const orphan = `users/${owner.id}/uploads/2026/12/${randomUUID()}-stray.pdf`;
    const staleTemp = `users/${owner.id}/uploads/temp/${randomUUID()}.tmp`;
    await s3().send(new PutObjectCommand({ Bucket: bucket(), Key: orphan, Body: "stray" }));
    await s3().send(new PutObjectCommand({ Bucket: bucket(), Key: staleTemp, Body: "re-used presigned URL" }));
    // The ready file loses its object behind the app's back.
    await s3().send(new DeleteObjectCommand({ Bucket: bucket(), Key: ready.s3Key }));

    // An upload in flight whose completion has copied to the final key but not yet marked it.
    const inFlight = await startUpload(owner, { purpose: "document", name: "Copying.pdf", type: "application/pdf", size: PDF.length }, ctx);
    const copying = finalUploadKey((await getFile(inFlight.fileId, { consistent: true }))!);
    await s3().send(new PutObjectCommand({ Bucket: bucket(), Key: copying, Body: new Uint8Array(PDF) }));

    const mineOnly = { userIds: new Set([owner.id]) };
    // Now: the temp object is within its upload window, so it is not stale yet.
    const early = await checkStorage(mineOnly);
    expect(early.orphanObjects).not.toContain(copying);
    expect(early.orphanObjects).toContain(orphan);
    expect(early.staleTempObjects).not.toContain(staleTemp);
    expect(early.missingObjects).toContainEqual({ fileId: ready.id, s3Key: ready.s3Key });

    const later = await checkStorage({ ...mineOnly, now: Date.now() + 2 * HOUR });
    expect(later).toMatchObject({ orphanObjects: [orphan], staleTempObjects: [staleTemp], missingObjects: [{ fileId: ready.id, s3Key: ready.s3Key }] });
    expect(await repairStorage(later)).toEqual({ objectsDeleted: 2, filesRemoved: 1 });

    expect(await exists(orphan)).toBe(false);
    expect(await exists(staleTemp)).toBe(false);
    expect(await getFile(ready.id, { consistent: true })).toBeNull();
    const lost = (await listAuditByTarget(owner.id)).items.find((e) => e.action === "file.lost");
    expect(lost).toMatchObject({ userId: "system", details: { fileId: ready.id, name: "Kept.pdf", s3Key: ready.s3Key } });

    const after = await checkStorage({ ...mineOnly, now: Date.now() + 2 * HOUR });
    expect(after).toMatchObject({ orphanObjects: [], staleTempObjects: [], missingObjects: [] });
    expect(await exists(copying)).toBe(true);
  });
});
