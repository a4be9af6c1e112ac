import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { DescribeTableCommand, ResourceNotFoundException } from "@aws-sdk/client-dynamodb";
import { HeadBucketCommand } from "@aws-sdk/client-s3";
import { db, table } from "@/lib/db/client";
import { TABLES, type TableId } from "@/lib/db/tables";
import { env } from "@/lib/env";
import { bucket, s3 } from "@/lib/s3/client";
import { newTableProgress } from "./export-table";
import { writeJsonAtomically } from "./files";
import { importObjects, newObjectsImportProgress, type ObjectsImportProgress } from "./import-objects";
import { importTable, newTableImportProgress, type TableImportProgress } from "./import-table";
import { type ExportManifest, readManifest, TransferError } from "./manifest";
import type { OnProgress } from "./progress-events";

// `npm run data:import`: a finished export (./export.ts) into the configured tables and, with
// `objects`, the bucket. The tables and the bucket must exist (the app's infrastructure makes
// them); nothing is created or deleted here. Progress is checkpointed in import-state.json in
// the export directory, per target, so an interrupted import goes on where it stopped; a
// finished one run again checks everything afresh (and then finds it unchanged).

export const IMPORT_STATE_FILE = "import-state.json";

export interface ImportOptions {
  dir: string;
  objects: boolean;
  overwrite: boolean;
  batchSize?: number;
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: OnProgress;
}

interface ImportState {
  format: "prework-data-import";
  /** Which export and which target this state belongs to: anything else starts afresh. */
  exportStartedAt: string;
  target: { tablePrefix: string; bucket: string; region: string };
  overwrite: boolean;
  tables: Record<string, TableImportProgress>;
  objects: ObjectsImportProgress | null;
  finished: boolean;
}

type Counts = { written: number; unchanged: number; kept: number };

export interface ImportSummary {
  resumed: boolean;
  tables: ({ table: TableId; items: number } & Counts)[];
  objects: ({ count: number; bytes: number } & Counts) | null;
  /** Objects the export holds, imported or not (without `objects` they are left out). */
  objectsInExport: number;
  seconds: number;
}

async function finishedExport(dir: string, objects: boolean): Promise<ExportManifest> {
  const manifest = await readManifest(dir);
  if (!manifest) throw new TransferError(`${dir} holds no export (no manifest.json).`);
  if (!manifest.finished) throw new TransferError(`The export in ${dir} did not finish: run the export again on that directory to complete it, then import.`);
  const unknown = Object.keys(manifest.tables).filter((id) => !(id in TABLES));
  if (unknown.length) throw new TransferError(`The export has tables this version of the app does not know: ${unknown.join(", ")}.`);
  for (const [id, progress] of Object.entries(manifest.tables)) {
    if (progress.file !== newTableProgress(id as TableId).file) throw new TransferError(`The manifest names an unexpected file for ${id}: ${progress.file}`);
  }
  if (objects && !manifest.objects) throw new TransferError(`The export in ${dir} was made without --objects: it holds no objects to import.`);
  return manifest;
}

/** Says which table or bucket is missing before anything is written. */
async function assertTargetExists(ids: TableId[], objects: boolean): Promise<void> {
  for (const id of ids) {
    try {
      await db().send(new DescribeTableCommand({ TableName: table(id) }));
    } catch (error) {
      if (error instanceof ResourceNotFoundException) throw new TransferError(`The table ${table(id)} does not exist: deploy the app's tables first (docs/deploy.md), then import.`);
      throw error;
    }
  }
  if (objects) {
    try {
      await s3().send(new HeadBucketCommand({ Bucket: bucket() }));
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) throw new TransferError(`The bucket ${bucket()} does not exist.`);
      throw error;
    }
  }
}

async function startOrResume(dir: string, manifest: ExportManifest, options: ImportOptions): Promise<{ state: ImportState; resumed: boolean }> {
  const { TABLE_PREFIX, S3_BUCKET, AWS_REGION } = env();
  const target = { tablePrefix: TABLE_PREFIX, bucket: S3_BUCKET, region: AWS_REGION };
  const previous = await readFile(path.join(dir, IMPORT_STATE_FILE), "utf8").then(
    (text) => JSON.parse(text) as ImportState,
    () => null,
  );
  const same =
    previous &&
    !previous.finished &&
    previous.exportStartedAt === manifest.startedAt &&
    previous.overwrite === options.overwrite &&
    (previous.objects !== null) === options.objects &&
    JSON.stringify(previous.target) === JSON.stringify(target);
  if (same) return { state: previous, resumed: true };
  const tables = Object.fromEntries(Object.keys(manifest.tables).map((id) => [id, newTableImportProgress()]));
  const state: ImportState = {
    format: "prework-data-import",
    exportStartedAt: manifest.startedAt,
    target,
    overwrite: options.overwrite,
    tables,
    objects: options.objects ? newObjectsImportProgress() : null,
    finished: false,
  };
  return { state, resumed: false };
}

export async function importData(options: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const { dir, overwrite, batchSize, concurrency, signal, onProgress } = options;
  const manifest = await finishedExport(dir, options.objects);
  const ids = Object.keys(manifest.tables) as TableId[];
  await assertTargetExists(ids, options.objects);
  const { state, resumed } = await startOrResume(dir, manifest, options);
  const checkpoint = () => writeJsonAtomically(path.join(dir, IMPORT_STATE_FILE), state);
  await checkpoint();

  for (const id of ids) await importTable(id, manifest.tables[id]!, state.tables[id]!, { dir, overwrite, batchSize, signal, onProgress, checkpoint });
  if (state.objects && manifest.objects) await importObjects(manifest.objects, state.objects, { dir, overwrite, concurrency, signal, onProgress, checkpoint });

  state.finished = true;
  await checkpoint();
  const counts = ({ written, unchanged, kept }: Counts): Counts => ({ written, unchanged, kept });
  return {
    resumed,
    tables: ids.map((id) => ({ table: id, items: state.tables[id]!.lines, ...counts(state.tables[id]!) })),
    objects: state.objects ? { count: state.objects.count, bytes: state.objects.bytes, ...counts(state.objects) } : null,
    objectsInExport: manifest.objects?.count ?? 0,
    seconds: (Date.now() - started) / 1000,
  };
}
