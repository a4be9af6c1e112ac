import { readFile } from "node:fs/promises";
import path from "node:path";
import type { JsonItem } from "./attribute-json";
import { writeJsonAtomically } from "./files";

// The export directory's manifest.json: what was exported from where, and how far it got. It
// is the export's checkpoint as well (rewritten after every page of every table and every batch
// of objects), so an interrupted export resumes where it stopped, and its `finished` flag is
// what the import insists on. Layout of the directory:
//
//   manifest.json           this file
//   tables/<table>.jsonl     one item a line: {"Item": <DynamoDB JSON>}, as DynamoDB's export to S3
//   objects/listing.jsonl    the bucket's keys, sizes and ETags, listed before any download
//   objects/objects.jsonl    one downloaded object a line: key, size, ETag, content type, metadata, file
//   objects/data/<sha256>    the objects' bytes, named by a hash of the key (keys are not safe paths)

export const EXPORT_FORMAT = "prework-data-export";
export const EXPORT_FORMAT_VERSION = 1;
export const MANIFEST_FILE = "manifest.json";

export interface TableProgress {
  /** Relative to the export directory. */
  file: string;
  items: number;
  /** Bytes of `file` that hold complete, counted lines. */
  bytes: number;
  pages: number;
  /** Where the scan goes on from; null once the table is done. */
  lastKey: JsonItem | null;
  done: boolean;
}

export interface ObjectsProgress {
  listingFile: string;
  listed: boolean;
  /** Objects in the listing, and its counted bytes. */
  listedCount: number;
  listingBytes: number;
  /** Byte offset in the listing of the next object to download. */
  listingOffset: number;
  file: string;
  /** Objects downloaded, their content bytes, and the counted bytes of `file`. */
  count: number;
  bytes: number;
  fileBytes: number;
  /** Listed but gone by the time they were downloaded. */
  vanished: number;
  done: boolean;
}

export interface ExportManifest {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_FORMAT_VERSION;
  startedAt: string;
  finishedAt: string | null;
  finished: boolean;
  source: { tablePrefix: string; bucket: string; region: string };
  tables: Record<string, TableProgress>;
  /** Null when the export was made without --objects. */
  objects: ObjectsProgress | null;
}

export class TransferError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TransferError";
  }
}

export async function readManifest(dir: string): Promise<ExportManifest | null> {
  let text: string;
  try {
    text = await readFile(path.join(dir, MANIFEST_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const manifest = JSON.parse(text) as Partial<ExportManifest>;
  if (manifest.format !== EXPORT_FORMAT) throw new TransferError(`${path.join(dir, MANIFEST_FILE)} is not a Pre-Work export manifest.`);
  if (manifest.version !== EXPORT_FORMAT_VERSION) {
    throw new TransferError(`${dir} holds an export in format version ${manifest.version}; this version of the tool reads version ${EXPORT_FORMAT_VERSION}.`);
  }
  return manifest as ExportManifest;
}

export function writeManifest(dir: string, manifest: ExportManifest): Promise<void> {
  return writeJsonAtomically(path.join(dir, MANIFEST_FILE), manifest);
}
