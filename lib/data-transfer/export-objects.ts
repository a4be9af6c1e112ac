import "server-only";
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, open, rename } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { bucket, s3 } from "@/lib/s3/client";
import { isTempUploadKey } from "@/lib/s3/keys";
import { listObjectPages } from "@/lib/s3/list-objects";
import { appendDurably, lineBatches, truncateTo } from "./files";
import type { ObjectsProgress } from "./manifest";
import type { OnProgress } from "./progress-events";
import { TransientError, withRetry } from "./retry";

// The bucket's objects into objects/: first the listing (keys, sizes, ETags) into
// objects/listing.jsonl, then the objects a few at a time, each written to a temp file, checked
// against its length and (for single-part uploads) its ETag, and renamed; a batch is recorded in
// objects/objects.jsonl and the checkpoint only when all of it is on disk. A resumed run lists
// again only if the listing had not finished, and downloads from the first object not recorded.
// Temp uploads (users/<id>/uploads/temp/…) are left out: they are in flight or abandoned, and
// the lifecycle rule that removes them on AWS goes by a tag a copy would not have.

export interface ObjectRecord {
  key: string;
  size: number;
  /** The source's ETag, quotes included. */
  etag: string;
  /** MD5 of the content, hex: the ETag any single-part copy of it gets. */
  md5: string;
  /** Relative to the export directory. */
  file: string;
  contentType?: string;
  cacheControl?: string;
  contentDisposition?: string;
  contentEncoding?: string;
  contentLanguage?: string;
  metadata?: Record<string, string>;
}

interface ListingEntry {
  key: string;
  size: number;
  etag: string;
}

export interface ObjectsExportOptions {
  dir: string;
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: OnProgress;
  checkpoint: () => Promise<void>;
}

export function newObjectsProgress(): ObjectsProgress {
  return {
    listingFile: path.join("objects", "listing.jsonl"),
    listed: false,
    listedCount: 0,
    listingBytes: 0,
    listingOffset: 0,
    file: path.join("objects", "objects.jsonl"),
    count: 0,
    bytes: 0,
    fileBytes: 0,
    vanished: 0,
    done: false,
  };
}

/** The etag is a plain MD5 unless the object was uploaded in parts ("<md5>-<parts>"). */
export const isSinglePartEtag = (etag: string) => /^"?[0-9a-f]{32}"?$/i.test(etag);
const unquoted = (etag: string) => etag.replace(/"/g, "").toLowerCase();

async function list(state: ObjectsProgress, file: string, signal?: AbortSignal): Promise<void> {
  await truncateTo(file, 0);
  state.listedCount = 0;
  state.listingBytes = 0;
  for await (const page of listObjectPages("", signal)) {
    const lines = page
      .filter((o) => !isTempUploadKey(o.key))
      .map((o) => `${JSON.stringify({ key: o.key, size: o.size, etag: o.etag } satisfies ListingEntry)}\n`)
      .join("");
    if (lines) await appendDurably(file, lines);
    state.listedCount += lines ? lines.split("\n").length - 1 : 0;
    state.listingBytes += Buffer.byteLength(lines, "utf8");
  }
}

/** Downloads one object to objects/data/; null when it was deleted since the listing. */
async function download(entry: ListingEntry, dir: string, signal?: AbortSignal): Promise<ObjectRecord | null> {
  const file = path.join("objects", "data", createHash("sha256").update(entry.key).digest("hex"));
  const target = path.join(dir, file);
  return withRetry(
    `downloading ${entry.key}`,
    async () => {
      let out;
      try {
        out = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: entry.key }), { abortSignal: signal });
      } catch (error) {
        if ((error as Error).name === "NoSuchKey") return null;
        throw error;
      }
      const md5 = createHash("md5");
      let size = 0;
      const count = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          md5.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      });
      const temp = `${target}.part`;
      await pipeline(out.Body as Readable, count, createWriteStream(temp), { signal });
      const digest = md5.digest("hex");
      const etag = out.ETag ?? entry.etag;
      if ((out.ContentLength !== undefined && size !== out.ContentLength) || (isSinglePartEtag(etag) && unquoted(etag) !== digest)) {
        // A body cut short or altered on the way.
        throw new TransientError(`${entry.key}: received ${size} bytes with MD5 ${digest}, expected ${out.ContentLength} bytes with ETag ${etag}`);
      }
      const handle = await open(temp, "r+");
      await handle.sync();
      await handle.close();
      await rename(temp, target);
      return {
        key: entry.key,
        size,
        etag,
        md5: digest,
        file,
        ...(out.ContentType ? { contentType: out.ContentType } : {}),
        ...(out.CacheControl ? { cacheControl: out.CacheControl } : {}),
        ...(out.ContentDisposition ? { contentDisposition: out.ContentDisposition } : {}),
        ...(out.ContentEncoding ? { contentEncoding: out.ContentEncoding } : {}),
        ...(out.ContentLanguage ? { contentLanguage: out.ContentLanguage } : {}),
        ...(out.Metadata && Object.keys(out.Metadata).length ? { metadata: out.Metadata } : {}),
      };
    },
    { signal },
  );
}

export async function exportObjects(state: ObjectsProgress, options: ObjectsExportOptions): Promise<void> {
  if (state.done) return;
  const { dir, concurrency = 4, signal, onProgress, checkpoint } = options;
  await mkdir(path.join(dir, "objects", "data"), { recursive: true });
  const listingFile = path.join(dir, state.listingFile);
  const report = () => onProgress?.({ phase: "objects", done: state.count + state.vanished, total: state.listed ? state.listedCount : undefined, bytes: state.bytes, finished: state.done });
  if (!state.listed) {
    // A listing cut short is made again from the start: it is cheap next to the downloads.
    await withRetry("listing the bucket", () => list(state, listingFile, signal), { signal });
    state.listed = true;
    await checkpoint();
  }
  report();

  const recordsFile = path.join(dir, state.file);
  await truncateTo(recordsFile, state.fileBytes);
  const parse = (text: string) => JSON.parse(text) as ListingEntry;
  for await (const batch of lineBatches(listingFile, state.listingOffset, state.listingBytes, concurrency, parse, signal)) {
    const records = await Promise.all(batch.entries.map((entry) => download(entry, dir, signal)));
    const kept = records.filter((r): r is ObjectRecord => r !== null);
    const lines = kept.map((r) => `${JSON.stringify(r)}\n`).join("");
    if (lines) await appendDurably(recordsFile, lines);
    state.count += kept.length;
    state.vanished += records.length - kept.length;
    state.bytes += kept.reduce((sum, r) => sum + r.size, 0);
    state.fileBytes += Buffer.byteLength(lines, "utf8");
    state.listingOffset = batch.end;
    await checkpoint();
    report();
  }
  state.done = true;
  await checkpoint();
  report();
}
