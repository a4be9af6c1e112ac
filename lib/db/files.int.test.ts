import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { recordPendingUpload } from "./file-uploads";
import { type FileMetadata, getFilesByIds } from "./files";
import { useIsolatedTables } from "./testing/isolated-tables";
import { countCalls } from "./testing/sdk-middleware";

const ctx = { actorId: "files-test", userAgent: "vitest" };

// Tables of its own: its audit entries must not crowd the shared table's "most recent" tests.
beforeAll(async () => {
  await useIsolatedTables();
});

async function pendingFile(ownerId: string, name: string): Promise<FileMetadata> {
  const now = new Date().toISOString();
  const id = randomUUID();
  const file: FileMetadata = {
    id,
    originalName: name,
    displayName: name,
    mimeType: "application/pdf",
    size: 100,
    s3Key: `users/${ownerId}/uploads/temp/${id}.tmp`,
    uploadedBy: ownerId,
    tags: [],
    isPublic: false,
    createdAt: now,
    updatedAt: now,
    status: "pending",
    purpose: "document",
    version: 1,
  };
  await recordPendingUpload(file, ctx);
  return file;
}

describe("getFilesByIds", () => {
  it("reads many files in one BatchGet per 100 ids, leaving unknown ids out", async () => {
    const owner = randomUUID();
    const files = await Promise.all(["a.pdf", "b.pdf", "c.pdf"].map((name) => pendingFile(owner, name)));
    const unknown = Array.from({ length: 150 }, () => randomUUID());
    // Two of the real ids sit past the first 100, so both chunks must be read.
    const ids = [files[0]!.id, ...unknown.slice(0, 120), files[1]!.id, ...unknown.slice(120), files[2]!.id, files[0]!.id];

    const { result, calls } = await countCalls(() => getFilesByIds(ids));
    expect(calls).toBe(2);
    expect([...result.keys()].sort()).toEqual(files.map((f) => f.id).sort());
    expect(result.get(files[1]!.id)).toEqual(files[1]);
  });

  it("makes no request for no ids", async () => {
    const { result, calls } = await countCalls(() => getFilesByIds([]));
    expect(result.size).toBe(0);
    expect(calls).toBe(0);
  });
});
