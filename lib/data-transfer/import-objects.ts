import "server-only";
import { createReadStream } from "node:fs";
import path from "node:path";
import { HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { bucket, s3 } from "@/lib/s3/client";
import { type ObjectRecord } from "./export-objects";
import { lineBatches } from "./files";
import type { ObjectsProgress } from "./manifest";
import type { OnProgress } from "./progress-events";
import { TransientError, withRetry } from "./retry";

// The exported objects into the bucket, a few at a time. An object already there with the same
// size and content (its ETag is the exported one, or the MD5 a single-part copy gets) is left
// alone; one that differs is kept unless `overwrite`, and counted. Each put is checked: the
// ETag S3 answers with must be the content's MD5.

export interface ObjectsImportProgress {
  offset: number;
  count: number;
  written: number;
  unchanged: number;
  kept: number;
  bytes: number;
  done: boolean;
}

export interface ObjectsImportOptions {
  dir: string;
  overwrite: boolean;
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: OnProgress;
  checkpoint: () => Promise<void>;
}

export function newObjectsImportProgress(): ObjectsImportProgress {
  return { offset: 0, count: 0, written: 0, unchanged: 0, kept: 0, bytes: 0, done: false };
}

type Outcome = "written" | "unchanged" | "kept";

async function existing(key: string, signal?: AbortSignal): Promise<{ size: number; etag: string } | null> {
  try {
    const head = await s3().send(new HeadObjectCommand({ Bucket: bucket(), Key: key }), { abortSignal: signal });
    return { size: head.ContentLength ?? -1, etag: head.ETag ?? "" };
  } catch (error) {
    const e = error as Error & { $metadata?: { httpStatusCode?: number } };
    if (e.name === "NotFound" || e.name === "NoSuchKey" || e.$metadata?.httpStatusCode === 404) return null;
    throw error;
  }
}

async function putObject(record: ObjectRecord, dir: string, overwrite: boolean, signal?: AbortSignal): Promise<Outcome> {
  // The export names its own files; anything else (a path out of the directory) is not one.
  if (!/^objects\/data\/[0-9a-f]{64}$/.test(record.file)) throw new Error(`${record.key}: the export names an unexpected file "${record.file}"`);
  const there = await existing(record.key, signal);
  if (there) {
    const same = there.size === record.size && (there.etag === record.etag || there.etag.replace(/"/g, "") === record.md5);
    if (same) return "unchanged";
    if (!overwrite) return "kept";
  }
  const out = await s3().send(
    new PutObjectCommand({
      Bucket: bucket(),
      Key: record.key,
      // A fresh stream on every attempt: a body once read cannot be sent again. (An empty one
      // would make the SDK warn about a stream of unknown length.)
      Body: record.size === 0 ? new Uint8Array() : createReadStream(path.join(dir, record.file)),
      ContentLength: record.size,
      ContentType: record.contentType,
      CacheControl: record.cacheControl,
      ContentDisposition: record.contentDisposition,
      ContentEncoding: record.contentEncoding,
      ContentLanguage: record.contentLanguage,
      Metadata: record.metadata,
    }),
    { abortSignal: signal },
  );
  if (out.ETag && out.ETag.replace(/"/g, "") !== record.md5) {
    throw new TransientError(`${record.key}: S3 stored content with ETag ${out.ETag}, expected the MD5 ${record.md5}`);
  }
  return "written";
}

export async function importObjects(exported: ObjectsProgress, state: ObjectsImportProgress, options: ObjectsImportOptions): Promise<void> {
  if (state.done) return;
  const { dir, overwrite, concurrency = 4, signal, onProgress, checkpoint } = options;
  const report = () => onProgress?.({ phase: "objects", done: state.count, total: exported.count, bytes: state.bytes, finished: state.done });
  report();
  const parse = (text: string) => JSON.parse(text) as ObjectRecord;
  for await (const batch of lineBatches(path.join(dir, exported.file), state.offset, exported.fileBytes, concurrency, parse, signal)) {
    const outcomes = await Promise.all(
      batch.entries.map((record) => withRetry(`uploading ${record.key}`, () => putObject(record, dir, overwrite, signal), { signal })),
    );
    outcomes.forEach((outcome, i) => {
      state[outcome] += 1;
      if (outcome === "written") state.bytes += batch.entries[i]!.size;
    });
    state.count += batch.entries.length;
    state.offset = batch.end;
    await checkpoint();
    report();
  }
  state.done = true;
  await checkpoint();
  report();
}
