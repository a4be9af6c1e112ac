import "server-only";
import { mkdir, readdir } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";
import { TABLES, type TableId } from "@/lib/db/tables";
import { exportObjects, newObjectsProgress } from "./export-objects";
import { exportTable, newTableProgress } from "./export-table";
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, type ExportManifest, readManifest, TransferError, writeManifest } from "./manifest";
import type { OnProgress } from "./progress-events";

// `npm run data:export`: every table of lib/db/tables.ts, and with `objects` the bucket, into a
// directory (the layout is in ./manifest.ts). Run again on the same directory after an
// interruption, it goes on from the last checkpoint; on a finished export it refuses, so an
// export is never silently mixed with a later one.

export interface ExportOptions {
  dir: string;
  objects: boolean;
  pageSize?: number;
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: OnProgress;
}

export interface ExportSummary {
  dir: string;
  resumed: boolean;
  tables: { table: TableId; items: number; bytes: number }[];
  objects: { count: number; bytes: number; vanished: number } | null;
  seconds: number;
}

function source(): ExportManifest["source"] {
  const { TABLE_PREFIX, S3_BUCKET, AWS_REGION } = env();
  return { tablePrefix: TABLE_PREFIX, bucket: S3_BUCKET, region: AWS_REGION };
}

async function startOrResume(dir: string, objects: boolean): Promise<{ manifest: ExportManifest; resumed: boolean }> {
  await mkdir(dir, { recursive: true });
  const found = await readManifest(dir);
  const here = source();
  if (!found) {
    if ((await readdir(dir)).length > 0) throw new TransferError(`${dir} is not empty and holds no export: export into a new or empty directory.`);
    const tables = Object.fromEntries((Object.keys(TABLES) as TableId[]).map((id) => [id, newTableProgress(id)]));
    const manifest: ExportManifest = {
      format: EXPORT_FORMAT,
      version: EXPORT_FORMAT_VERSION,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      finished: false,
      source: here,
      tables,
      objects: objects ? newObjectsProgress() : null,
    };
    await mkdir(path.join(dir, "tables"), { recursive: true });
    await writeManifest(dir, manifest);
    return { manifest, resumed: false };
  }
  if (found.finished) throw new TransferError(`${dir} holds a finished export (${found.finishedAt}); export into a new directory.`);
  if (found.source.tablePrefix !== here.tablePrefix || found.source.bucket !== here.bucket || found.source.region !== here.region) {
    throw new TransferError(
      `${dir} holds an unfinished export of tables "${found.source.tablePrefix}*" and bucket ${found.source.bucket} (${found.source.region}), ` +
        `but this run is configured for "${here.tablePrefix}*" and ${here.bucket} (${here.region}). Resume it with the same settings, or use a new directory.`,
    );
  }
  if ((found.objects !== null) !== objects) {
    throw new TransferError(`${dir} holds an unfinished export begun ${found.objects ? "with" : "without"} --objects: resume it the same way.`);
  }
  // Tables added to lib/db/tables.ts since the export began are exported too.
  for (const id of Object.keys(TABLES) as TableId[]) found.tables[id] ??= newTableProgress(id);
  return { manifest: found, resumed: true };
}

export async function exportData(options: ExportOptions): Promise<ExportSummary> {
  const started = Date.now();
  const { dir, objects, pageSize, concurrency, signal, onProgress } = options;
  const { manifest, resumed } = await startOrResume(dir, objects);
  const checkpoint = () => writeManifest(dir, manifest);

  for (const id of Object.keys(TABLES) as TableId[]) {
    await exportTable(id, manifest.tables[id]!, { dir, pageSize, signal, onProgress, checkpoint });
  }
  if (manifest.objects) await exportObjects(manifest.objects, { dir, concurrency, signal, onProgress, checkpoint });

  manifest.finished = true;
  manifest.finishedAt = new Date().toISOString();
  await checkpoint();
  return {
    dir,
    resumed,
    tables: (Object.keys(TABLES) as TableId[]).map((id) => ({ table: id, items: manifest.tables[id]!.items, bytes: manifest.tables[id]!.bytes })),
    objects: manifest.objects ? { count: manifest.objects.count, bytes: manifest.objects.bytes, vanished: manifest.objects.vanished } : null,
    seconds: (Date.now() - started) / 1000,
  };
}
