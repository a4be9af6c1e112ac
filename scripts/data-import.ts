// `npm run data:import -- --in <dir> [--objects] [--overwrite]`: a finished export into the
// configured tables and, with --objects, the bucket (lib/data-transfer/import.ts). Items the
// target has in a newer version are kept unless --overwrite; the summary counts them.
import { formatBytes } from "@/lib/format/bytes";
import { runTransferCommand, table } from "./data-transfer-cli";

const USAGE = "Usage: npm run data:import -- --in <dir> [--objects] [--overwrite]";

void runTransferCommand(
  USAGE,
  { in: { type: "string" }, objects: { type: "boolean", default: false }, overwrite: { type: "boolean", default: false } },
  async (values, { signal, onProgress }) => {
    if (!values.in) {
      console.error(`--in is required.\n${USAGE}`);
      process.exit(2);
    }
    const { importData } = await import("@/lib/data-transfer/import");
    const summary = await importData({ dir: values.in, objects: values.objects ?? false, overwrite: values.overwrite ?? false, signal, onProgress });
    const rows: (string | number)[][] = summary.tables.map((t) => [t.table, t.items, t.written, t.unchanged, t.kept]);
    if (summary.objects) rows.push([`objects (${formatBytes(summary.objects.bytes)} written)`, summary.objects.count, summary.objects.written, summary.objects.unchanged, summary.objects.kept]);
    console.log(`\n${summary.resumed ? "Resumed and finished" : "Finished"} the import from ${values.in} in ${summary.seconds.toFixed(1)} s:\n`);
    console.log(table(["table", "in export", "written", "unchanged", "kept (newer or different here)"], rows));
    if (!summary.objects && summary.objectsInExport) console.log(`\nThe export also holds ${summary.objectsInExport} object(s), not imported: add --objects to import them.`);
    const kept = summary.tables.reduce((n, t) => n + t.kept, 0) + (summary.objects?.kept ?? 0);
    if (kept) console.log(`\n${kept} item(s) or object(s) differ here and were kept. Run again with --overwrite to replace them with the export's.`);
  },
);
