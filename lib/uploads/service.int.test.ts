import { randomUUID } from "node:crypto";
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { listAuditByTarget } from "@/lib/db/audit";
import { getFile, listFiles } from "@/lib/db/files";
import { createProfile, getProfile } from "@/lib/db/profiles";
import { aroundRequests } from "@/lib/db/testing/sdk-middleware";
import { createUser } from "@/lib/db/users";
import { ValidationError } from "@/lib/errors";
import { bucket, s3 } from "@/lib/s3/client";
import { completeUpload, deleteFile, downloadUrl, startUpload } from "./service";
import { objectExists } from "@/lib/s3/testing/objects";

const ctx = { actorId: "uploader", ipAddress: "203.0.113.5", userAgent: "vitest" };
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
const PDF = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(500, 32)]);

async function owner() {
  return createUser({ email: `files-${randomUUID()}@example.com`, name: "Filer", role: "user" }, ctx);
}

const exists = objectExists;

async function upload(url: string, type: string, body: Buffer) {
  return fetch(url, { method: "PUT", headers: { "Content-Type": type }, body: new Uint8Array(body) });
}

describe("upload flow", () => {
  it("uploads a document to a temp key, checks it, moves it to its final key and audits each step", async () => {
    const user = await owner();
    const started = await startUpload(user, { purpose: "document", name: "Q3 Report.pdf", type: "application/pdf", size: PDF.length }, ctx);
    const pending = await getFile(started.fileId, { consistent: true });
    expect(pending).toMatchObject({ status: "pending", s3Key: `users/${user.id}/uploads/temp/${started.fileId}.tmp` });
    expect((await upload(started.uploadUrl, "application/pdf", PDF)).status).toBe(200);

    const result = await completeUpload(pending!, ctx);
    expect(result.ok).toBe(true);
    const ready = await getFile(started.fileId, { consistent: true });
    expect(ready?.status).toBe("ready");
    expect(ready?.s3Key).toMatch(new RegExp(`^users/${user.id}/uploads/\\d{4}/\\d{2}/${started.fileId}-q3-report\\.pdf$`));
    expect(await exists(pending!.s3Key)).toBe(false);
    expect(await exists(ready!.s3Key)).toBe(true);
    const download = await fetch(await downloadUrl(ready!));
    expect(download.headers.get("content-disposition")).toMatch(/^attachment/);
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await listFiles(user.id)).items.map((f) => f.id)).toEqual([started.fileId]);

    const actions = (await listAuditByTarget(user.id)).items.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["file.upload_started", "file.uploaded"]));

    await deleteFile(ready!, ctx);
    expect(await exists(ready!.s3Key)).toBe(false);
    expect(await getFile(started.fileId, { consistent: true })).toBeNull();
    expect((await listAuditByTarget(user.id)).items[0]?.action).toBe("file.deleted");
  });

  // Found by the reliability suite (lib/reliability): a failed copy or mark left the copy at the
  // final key as an object without metadata.
  describe("when the copy or the ready mark fails", () => {
    const marksReady = (input: Record<string, unknown>) =>
      ((input.TransactItems ?? []) as Array<{ Update?: { ExpressionAttributeValues?: Record<string, unknown> } }>).some((i) => i.Update?.ExpressionAttributeValues?.[":ready"] === "ready");
    const unavailable = () => Object.assign(new Error("injected"), { name: "ServiceUnavailable", $metadata: { httpStatusCode: 503 } });

    async function startedDocument() {
      const user = await owner();
      const started = await startUpload(user, { purpose: "document", name: "notes.pdf", type: "application/pdf", size: PDF.length }, ctx);
      expect((await upload(started.uploadUrl, "application/pdf", PDF)).status).toBe(200);
      return (await getFile(started.fileId, { consistent: true }))!;
    }

    it("removes the copy when the mark did not happen, and the upload stays pending", async () => {
      const pending = await startedDocument();
      const remove = aroundRequests(async (input, send) => {
        if (marksReady(input)) throw unavailable();
        return send(input);
      });
      try {
        await expect(completeUpload(pending, ctx)).rejects.toMatchObject({ name: "ServiceUnavailable" });
      } finally {
        remove();
      }
      expect(await getFile(pending.id, { consistent: true })).toMatchObject({ status: "pending", s3Key: pending.s3Key });
      const prefix = `users/${pending.uploadedBy}/uploads/`;
      const listed = await s3().send(new ListObjectsV2Command({ Bucket: bucket(), Prefix: prefix }));
      expect((listed.Contents ?? []).map((o) => o.Key)).toEqual([pending.s3Key]);
    });

    it("removes the copy when the copy's answer was lost, and the upload stays pending", async () => {
      const pending = await startedDocument();
      const name = "lose-copy-answer";
      s3().middlewareStack.add(
        (next, context) => async (args) => {
          const output = await next(args);
          if (context.commandName === "CopyObjectCommand") throw Object.assign(new Error("injected"), { name: "TimeoutError" });
          return output;
        },
        { step: "initialize", name },
      );
      try {
        await expect(completeUpload(pending, ctx)).rejects.toMatchObject({ name: "TimeoutError" });
      } finally {
        s3().middlewareStack.remove(name);
      }
      expect(await getFile(pending.id, { consistent: true })).toMatchObject({ status: "pending" });
      const listed = await s3().send(new ListObjectsV2Command({ Bucket: bucket(), Prefix: `users/${pending.uploadedBy}/uploads/` }));
      expect((listed.Contents ?? []).map((o) => o.Key)).toEqual([pending.s3Key]);
    });

    it("answers ready when the mark happened but its answer was lost", async () => {
      const pending = await startedDocument();
      const remove = aroundRequests(async (input, send) => {
        const output = await send(input);
        if (marksReady(input)) throw Object.assign(new Error("injected"), { name: "TimeoutError" });
        return output;
      });
      let result: Awaited<ReturnType<typeof completeUpload>>;
      try {
        result = await completeUpload(pending, ctx);
      } finally {
        remove();
      }
      expect(result).toMatchObject({ ok: true, file: { status: "ready" } });
      const ready = await getFile(pending.id, { consistent: true });
      expect(ready?.status).toBe("ready");
      expect(await exists(ready!.s3Key)).toBe(true);
      expect(await exists(pending.s3Key)).toBe(false);
    });
  });

  it("answers ready when the file is ready but deleting its temp object fails", async () => {
    const user = await owner();
    const started = await startUpload(user, { purpose: "document", name: "late.pdf", type: "application/pdf", size: PDF.length }, ctx);
    expect((await upload(started.uploadUrl, "application/pdf", PDF)).status).toBe(200);
    const pending = (await getFile(started.fileId, { consistent: true }))!;
    const name = "refuse-temp-delete";
    s3().middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "DeleteObjectCommand") throw Object.assign(new Error("injected"), { name: "ServiceUnavailable", $metadata: { httpStatusCode: 503 } });
        return next(args);
      },
      { step: "initialize", name },
    );
    let result: Awaited<ReturnType<typeof completeUpload>>;
    try {
      result = await completeUpload(pending, ctx);
    } finally {
      s3().middlewareStack.remove(name);
    }
    expect(result).toMatchObject({ ok: true, file: { status: "ready" } });
    expect((await getFile(pending.id, { consistent: true }))?.status).toBe("ready");
  });

  it("refuses before uploading: too large, wrong type, executables", async () => {
    const user = await owner();
    await expect(startUpload(user, { purpose: "document", name: "big.pdf", type: "application/pdf", size: 30 * 1024 * 1024 }, ctx)).rejects.toBeInstanceOf(ValidationError);
    await expect(startUpload(user, { purpose: "document", name: "setup.exe", type: "application/octet-stream", size: 100 }, ctx)).rejects.toThrow(/\.exe/);
    expect((await listAuditByTarget(user.id)).items.map((e) => e.action)).toEqual(["user.created"]);
  });

  it("rejects a .png whose bytes are HTML: object deleted, nothing ready, reason audited", async () => {
    const user = await owner();
    const html = Buffer.from("<!DOCTYPE html><script>alert(1)</script>");
    const started = await startUpload(user, { purpose: "document", name: "cat.png", type: "image/png", size: html.length }, ctx);
    expect((await upload(started.uploadUrl, "image/png", html)).status).toBe(200);
    const result = await completeUpload((await getFile(started.fileId, { consistent: true }))!, ctx);
    expect(result).toEqual({ ok: false, reason: expect.stringContaining("not a real image/png") });
    expect(await getFile(started.fileId, { consistent: true })).toBeNull();
    expect(await exists(`users/${user.id}/uploads/temp/${started.fileId}.tmp`)).toBe(false);
    const rejected = (await listAuditByTarget(user.id)).items.find((e) => e.action === "file.upload_rejected");
    expect(rejected?.details.reason).toContain("not a real image/png");
  });

  it("finds nothing to complete when S3 refused a body larger than signed", async () => {
    const user = await owner();
    const started = await startUpload(user, { purpose: "document", name: "a.pdf", type: "application/pdf", size: PDF.length }, ctx);
    expect((await upload(started.uploadUrl, "application/pdf", Buffer.concat([PDF, Buffer.alloc(100)]))).status).toBe(403);
    const result = await completeUpload((await getFile(started.fileId, { consistent: true }))!, ctx);
    expect(result).toEqual({ ok: false, reason: "The file never arrived. Try uploading it again." });
  });

  it("makes an avatar the profile's, replacing the previous one and deleting its object", async () => {
    const user = await owner();
    const profile = await createProfile(user.id, { name: "Me", type: "personal", customFields: {} }, ctx);
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const started = await startUpload(user, { purpose: "avatar", name: "me.png", type: "image/png", size: PNG.length, profileId: profile.id }, ctx);
      await upload(started.uploadUrl, "image/png", PNG);
      const result = await completeUpload((await getFile(started.fileId, { consistent: true }))!, ctx);
      expect(result.ok && result.file.s3Key).toBe(`users/${user.id}/profiles/${profile.id}/avatar-${started.fileId}.png`);
      ids.push(started.fileId);
    }
    expect(await getFile(ids[0]!, { consistent: true })).toBeNull();
    expect(await exists(`users/${user.id}/profiles/${profile.id}/avatar-${ids[0]}.png`)).toBe(false);
    expect(await getProfile(profile.id, { consistent: true })).toMatchObject({ avatarFileId: ids[1] });
    const other = await owner();
    await expect(startUpload(other, { purpose: "avatar", name: "x.png", type: "image/png", size: 10, profileId: profile.id }, ctx)).rejects.toThrow(/profile does not exist/);
  });
  it("keeps the live avatar untouched when a new one's ready mark is refused after its copy", async () => {
    const user = await owner();
    const profile = await createProfile(user.id, { name: "Me", type: "personal", customFields: {} }, ctx);
    const avatarUpload = async (body: Buffer) => {
      const started = await startUpload(user, { purpose: "avatar", name: "me.png", type: "image/png", size: body.length, profileId: profile.id }, ctx);
      await upload(started.uploadUrl, "image/png", body);
      return (await getFile(started.fileId, { consistent: true }))!;
    };
    const live = await completeUpload(await avatarUpload(PNG), ctx);
    if (!live.ok) throw new Error("first avatar failed");
    const next = await avatarUpload(Buffer.concat([PNG, Buffer.from("a newer face")]));

    // The ready mark's transaction is refused on the profile's item, as when the profile changed meanwhile.
    const refuse = aroundRequests(async (input, send) => {
      const items = input.TransactItems as Array<{ Update?: { TableName?: string } }> | undefined;
      if (items) {
        const reasons = items.map((item) => ({ Code: item.Update?.TableName?.includes("user-profiles") ? "ConditionalCheckFailed" : "None" }));
        throw new TransactionCanceledException({ message: "Transaction cancelled", $metadata: {}, CancellationReasons: reasons });
      }
      return send(input);
    });
    try {
      await expect(completeUpload(next, ctx)).rejects.toThrow("The profile changed while this upload finished. Try again.");
    } finally {
      refuse();
    }

    expect(await getProfile(profile.id, { consistent: true })).toMatchObject({ avatarFileId: live.file.id });
    const shown = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: live.file.s3Key }));
    expect(Buffer.from(await shown.Body!.transformToByteArray())).toEqual(PNG);
    // The refused one's copy was taken back; nothing under the profile but the live image.
    const listed = await s3().send(new ListObjectsV2Command({ Bucket: bucket(), Prefix: `users/${user.id}/profiles/${profile.id}/` }));
    expect((listed.Contents ?? []).map((o) => o.Key)).toEqual([live.file.s3Key]);
    expect(await getFile(next.id, { consistent: true })).toMatchObject({ status: "pending" });
  });
});
