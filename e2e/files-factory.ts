// Files made through the app's own upload service (presigned PUT to the local S3, then the
// same completion checks as the browser's), and ways to look at what S3 and the metadata
// hold afterwards.
import { deflateSync, crc32 } from "node:zlib";
import { HeadObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { type FileMetadata, getFile, updateFile } from "@/lib/db/files";
import type { User } from "@/lib/validation/users";
import { bucket, s3 } from "@/lib/s3/client";
import { completeUpload, startUpload } from "@/lib/uploads/service";

const ctx = { actorId: "e2e-fixture", userAgent: "playwright" };

export const pdfBytes = (text: string) => Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from(text), Buffer.from("\n%%EOF\n")]);

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real RGB PNG of the given size with a diagonal gradient, so crops differ visibly. */
export function pngBytes(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, no filter method, no interlace
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) rows.set([(x * 255) / width, (y * 255) / height, 128], row + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}

interface NewFile {
  name: string;
  type: string;
  bytes: Buffer;
  tags?: string[];
  isPublic?: boolean;
}

export async function makeFile(owner: User, { name, type, bytes, tags, isPublic }: NewFile): Promise<FileMetadata> {
  const started = await startUpload(owner, { purpose: "document", name, type, size: bytes.length }, ctx);
  const put = await fetch(started.uploadUrl, { method: "PUT", headers: { "Content-Type": type }, body: new Uint8Array(bytes) });
  if (put.status !== 200) throw new Error(`PUT of ${name} answered ${put.status}`);
  const pending = await getFile(started.fileId, { consistent: true });
  const result = await completeUpload(pending!, ctx);
  if (!result.ok) throw new Error(result.reason);
  if (!tags && isPublic === undefined) return result.file;
  return updateFile(result.file.id, result.file.version, { ...(tags ? { tags } : {}), ...(isPublic !== undefined ? { isPublic } : {}) }, ctx);
}

/** Every object key S3 holds in a user's space. */
export async function objectKeys(userId: string): Promise<string[]> {
  const out = await s3().send(new ListObjectsV2Command({ Bucket: bucket(), Prefix: `users/${userId}/` }));
  return (out.Contents ?? []).map((o) => o.Key ?? "");
}

export async function objectExists(key: string): Promise<boolean> {
  try {
    await s3().send(new HeadObjectCommand({ Bucket: bucket(), Key: key }));
    return true;
  } catch {
    return false;
  }
}
