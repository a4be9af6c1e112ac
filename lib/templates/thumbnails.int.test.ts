import { randomUUID } from "node:crypto";
import { DeleteObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { listAuditByActor } from "@/lib/db/audit";
import { getTemplateMetadata } from "@/lib/db/templates";
import { aroundRequests } from "@/lib/db/testing/sdk-middleware";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { bucket, s3 } from "@/lib/s3/client";
import { PUBLIC_SAMPLE_TEMPLATE_KEY, templateThumbnailTempKey } from "@/lib/s3/keys";
import { listObjects } from "@/lib/s3/list-objects";
import { objectExists } from "@/lib/s3/testing/objects";
import sample from "./sample-template.json";
import { createTemplate, updateTemplate } from "./service";
import { checkStorage, repairStorage } from "@/lib/storage/storage-check";
import { completeThumbnailUpload, startThumbnailUpload, thumbnailUrl } from "./thumbnails";

const actor = () => ({ actorId: `thumbs-${randomUUID()}`, userAgent: "vitest" });
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 7)]);
const objectsOf = async (id: string) => (await listObjects(`templates/shared/${id}/`)).map((o) => o.key).sort();

/** The browser's part: the PUT to the presigned URL. */
async function put(url: string, body: Buffer, type = "image/jpeg") {
  const response = await fetch(url, { method: "PUT", headers: { "Content-Type": type }, body: new Uint8Array(body) });
  return response.status;
}

describe("template thumbnails", () => {
  it("uploads through a presigned PUT, names the image on the metadata with one audit entry, and replaces an old one", async () => {
    const ctx = actor();
    const made = await createTemplate({ ...sample, title: "With picture" }, ctx);
    const first = await startThumbnailUpload(ctx.actorId, made.id, JPEG.length);
    expect(await put(first.uploadUrl, JPEG)).toBe(200);
    const v2 = await completeThumbnailUpload(ctx.actorId, made.id, 1, first.thumbnailId, ctx);
    expect(v2).toMatchObject({ version: 2, thumbnailKey: `templates/shared/${made.id}/thumbnail-${first.thumbnailId}.jpg` });
    expect(await getTemplateMetadata(made.id, { consistent: true })).toEqual(v2);
    expect(await objectExists(templateThumbnailTempKey(ctx.actorId, first.thumbnailId))).toBe(false);
    expect(await thumbnailUrl(v2)).toContain(encodeURIComponent(`thumbnail-${first.thumbnailId}.jpg`).replace(/%2F/g, "/"));

    // A document update keeps the thumbnail.
    const v3 = await updateTemplate(made.id, 2, { ...sample, title: "Renamed" }, ctx);
    expect(v3.thumbnailKey).toBe(v2.thumbnailKey);

    const second = await startThumbnailUpload(ctx.actorId, made.id, JPEG.length);
    await put(second.uploadUrl, JPEG);
    const v4 = await completeThumbnailUpload(ctx.actorId, made.id, 3, second.thumbnailId, ctx);
    expect(await objectsOf(made.id)).toEqual([v4.s3Key, v4.thumbnailKey!].sort());
    const entries = (await listAuditByActor(ctx.actorId)).items.filter((e) => e.action === "template.updated" && (e.details as { affectedFields: string[] }).affectedFields.includes("thumbnail"));
    expect(entries.map((e) => e.details)).toEqual(
      expect.arrayContaining([
        { templateId: made.id, title: "With picture", changes: { thumbnail: { from: null, to: first.thumbnailId } }, affectedFields: ["thumbnail"] },
        { templateId: made.id, title: "Renamed", changes: { thumbnail: { from: first.thumbnailId, to: second.thumbnailId } }, affectedFields: ["thumbnail"] },
      ]),
    );
  });

  it("refuses a wrong size or type before signing, and bytes that are not a JPEG on completion, changing nothing", async () => {
    const ctx = actor();
    const made = await createTemplate({ ...sample, title: "Refusals" }, ctx);
    await expect(startThumbnailUpload(ctx.actorId, made.id, 2 * 1024 * 1024)).rejects.toThrow(/at most 1(\.0)? MB/);
    await expect(startThumbnailUpload(ctx.actorId, made.id, 0)).rejects.toBeInstanceOf(ValidationError);
    await expect(startThumbnailUpload(ctx.actorId, randomUUID(), JPEG.length)).rejects.toBeInstanceOf(NotFoundError);

    const html = Buffer.from("<html><script>alert(1)</script></html>".padEnd(500, " "));
    const started = await startThumbnailUpload(ctx.actorId, made.id, html.length);
    // The signature binds type and size: another type is refused by the storage itself.
    expect(await put(started.uploadUrl, html, "text/html")).toBe(403);
    expect(await put(started.uploadUrl, html)).toBe(200);
    await expect(completeThumbnailUpload(ctx.actorId, made.id, 1, started.thumbnailId, ctx)).rejects.toThrow("The file's content is not a real JPEG image.");
    expect(await objectExists(templateThumbnailTempKey(ctx.actorId, started.thumbnailId))).toBe(false);
    // Never uploaded, or somebody else's upload: their temp key is not this user's.
    await expect(completeThumbnailUpload(ctx.actorId, made.id, 1, randomUUID(), ctx)).rejects.toThrow("The image never arrived.");
    const theirs = await startThumbnailUpload("someone-else", made.id, JPEG.length);
    await put(theirs.uploadUrl, JPEG);
    await expect(completeThumbnailUpload(ctx.actorId, made.id, 1, theirs.thumbnailId, ctx)).rejects.toThrow("The image never arrived.");
    expect(await getTemplateMetadata(made.id, { consistent: true })).toMatchObject({ version: 1 });
    expect((await getTemplateMetadata(made.id, { consistent: true }))?.thumbnailKey).toBeUndefined();
    expect(await objectsOf(made.id)).toEqual([made.s3Key]);
  });

  it("refuses a stale version, and a refused transaction takes its copy back", async () => {
    const ctx = actor();
    const made = await createTemplate({ ...sample, title: "Stale picture" }, ctx);
    await updateTemplate(made.id, 1, { ...sample, title: "Moved on" }, ctx);
    const stale = await startThumbnailUpload(ctx.actorId, made.id, JPEG.length);
    await put(stale.uploadUrl, JPEG);
    await expect(completeThumbnailUpload(ctx.actorId, made.id, 1, stale.thumbnailId, ctx)).rejects.toBeInstanceOf(ConflictError);

    const raced = await startThumbnailUpload(ctx.actorId, made.id, JPEG.length);
    await put(raced.uploadUrl, JPEG);
    const remove = aroundRequests(async (input, send) => {
      if ("TransactItems" in input) throw Object.assign(new Error("injected outage"), { name: "InternalServerError" });
      return send(input);
    });
    try {
      await expect(completeThumbnailUpload(ctx.actorId, made.id, 2, raced.thumbnailId, ctx)).rejects.toThrow("injected outage");
    } finally {
      remove();
    }
    const now = (await getTemplateMetadata(made.id, { consistent: true }))!;
    expect(now.thumbnailKey).toBeUndefined();
    expect(await objectsOf(made.id)).toEqual([now.s3Key]);
  });
});

describe("storage check over templates/shared/", () => {
  it("reports and removes an old document or thumbnail no template names, keeps the named ones and the public sample", async () => {
    const ctx = actor();
    const made = await createTemplate({ ...sample, title: "Checked" }, ctx);
    const started = await startThumbnailUpload(ctx.actorId, made.id, JPEG.length);
    await put(started.uploadUrl, JPEG);
    const current = await completeThumbnailUpload(ctx.actorId, made.id, 1, started.thumbnailId, ctx);
    // Deletes that failed: an old document and an old thumbnail still in the folder.
    const oldDocument = `templates/shared/${made.id}/template-${randomUUID()}.json`;
    const oldThumbnail = `templates/shared/${made.id}/thumbnail-${randomUUID()}.jpg`;
    for (const key of [oldDocument, oldThumbnail]) await s3().send(new PutObjectCommand({ Bucket: bucket(), Key: key, Body: "left behind" }));

    const scope = { userIds: new Set<string>(), templateIds: new Set([made.id]) };
    // Just written: it may be an update whose metadata is still committing.
    expect((await checkStorage(scope)).orphanTemplateObjects).toEqual([]);
    const later = await checkStorage({ ...scope, now: Date.now() + 60 * 60 * 1000 });
    expect(later.orphanTemplateObjects.sort()).toEqual([oldDocument, oldThumbnail].sort());
    expect(later.missingTemplateObjects).toEqual([]);
    expect(await repairStorage(later)).toEqual({ objectsDeleted: 2, filesRemoved: 0 });
    expect(await objectsOf(made.id)).toEqual([current.s3Key, current.thumbnailKey!].sort());

    // The whole prefix: the public sample is known, never an orphan (written as setup writes it).
    await s3().send(new PutObjectCommand({ Bucket: bucket(), Key: PUBLIC_SAMPLE_TEMPLATE_KEY, Body: `${JSON.stringify(sample, null, 2)}\n`, ContentType: "application/json" }));
    const everything = await checkStorage({ now: Date.now() + 60 * 60 * 1000 });
    expect(everything.objects).toBeGreaterThan(0);
    expect(everything.orphanTemplateObjects).not.toContain(PUBLIC_SAMPLE_TEMPLATE_KEY);
    expect(everything.orphanTemplateObjects.filter((key) => key.startsWith(`templates/shared/${made.id}/`))).toEqual([]);

    // A thumbnail gone behind the app's back is reported (and left for a new upload to repair).
    await s3().send(new DeleteObjectCommand({ Bucket: bucket(), Key: current.thumbnailKey! }));
    expect((await checkStorage(scope)).missingTemplateObjects).toEqual([{ templateId: made.id, s3Key: current.thumbnailKey }]);
  });
});
