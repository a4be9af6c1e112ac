// `npm run data:export -- --out <dir> [--objects] [--page-size N]`: every table, and with
// --objects the bucket, into <dir> as JSON Lines (lib/data-transfer/export.ts). Against AWS
// when AWS settings are given, else against the running local services of `npm run dev`.
// Interrupted (Ctrl-C, a lost connection), the same command goes on from the last checkpoint.
import { formatBytes } from "@/lib/format/bytes";
import { runTransferCommand, table } from "./data-transfer-cli";

const USAGE = "Usage: npm run data:export -- --out <dir> [--objects] [--page-size <items per Scan page>]";

void runTransferCommand(
  USAGE,
  { out: { type: "string" }, objects: { type: "boolean", default: false }, "page-size": { type: "string" } },
  async (values, { signal, onProgress }) => {
    if (!values.out) {
      console.error(`--out is required.\n${USAGE}`);
      process.exit(2);
    }
    const pageSize = values["page-size"] ? Number(values["page-size"]) : undefined;
    if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize > 0)) {
      console.error(`--page-size must be a positive whole number.\n${USAGE}`);
      process.exit(2);
    }
    const { exportData } = await import("@/lib/data-transfer/export");
    const summary = await exportData({ dir: values.out, objects: values.objects ?? false, pageSize, signal, onProgress });
    const rows: (string | number)[][] = summary.tables.map((t) => [t.table, t.items, formatBytes(t.bytes)]);
    if (summary.objects) rows.push([`objects${summary.objects.vanished ? ` (${summary.objects.vanished} deleted meanwhile)` : ""}`, summary.objects.count, formatBytes(summary.objects.bytes)]);
    console.log(`\n${summary.resumed ? "Resumed and finished" : "Finished"} the export into ${summary.dir} in ${summary.seconds.toFixed(1)} s:\n`);
    console.log(table(["table", "items", "size"], rows));
  },
);
