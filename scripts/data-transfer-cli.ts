// What `npm run data:export` and `npm run data:import` share: options, pointing lib/ at the
// right services, Ctrl-C as a clean stop at the next checkpoint, the progress printer, the
// summary table and error messages an operator can act on.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { pointAtLocalServices } from "./cleanup-uploads";

type Options = NonNullable<ParseArgsConfig["options"]>;
type Row = (string | number)[];

/** Rows as aligned columns; numbers right-aligned. */
export function table(header: string[], rows: Row[]): string {
  const all = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...all.map((r) => String(r[i]).length)));
  const line = (r: Row) => r.map((cell, i) => (typeof cell === "number" ? String(cell).padStart(widths[i]!) : String(cell).padEnd(widths[i]!))).join("  ");
  return [line(header), ...rows.map(line)].map((l) => `  ${l.trimEnd()}`).join("\n");
}

export async function runTransferCommand<O extends Options>(
  usage: string,
  options: O,
  run: (values: ReturnType<typeof parseArgs<{ options: O; strict: true }>>["values"], context: { signal: AbortSignal; onProgress: import("@/lib/data-transfer/progress-events").OnProgress }) => Promise<void>,
): Promise<void> {
  let values;
  try {
    values = parseArgs({ options: { ...options, help: { type: "boolean", short: "h" } }, strict: true }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  if ((values as { help?: boolean }).help) return void console.log(usage);

  pointAtLocalServices();
  // Imported only now: lib/ reads its configuration from process.env on first use.
  const { progressPrinter } = await import("@/lib/data-transfer/progress");
  const { TransferError } = await import("@/lib/data-transfer/manifest");
  const { EnvError } = await import("@/lib/env");
  const printer = progressPrinter();
  const controller = new AbortController();
  let interrupts = 0;
  const interrupt = () => {
    // The first Ctrl-C stops at the next checkpoint; a second one stops at once.
    if (++interrupts > 1) process.exit(130);
    printer.close();
    console.error("Stopping after the current step (Ctrl-C again to stop at once)…");
    controller.abort();
  };
  process.on("SIGINT", interrupt);
  process.on("SIGTERM", interrupt);
  try {
    await run(values as never, { signal: controller.signal, onProgress: printer.onProgress });
  } catch (error) {
    printer.close();
    if (controller.signal.aborted) {
      console.error("Interrupted. Everything up to the last checkpoint is kept: run the same command again to go on from there.");
      process.exit(130);
    }
    const known = error instanceof TransferError || error instanceof EnvError;
    console.error(known ? (error as Error).message : error);
    if (!known) console.error("Run the same command again to go on from the last checkpoint.");
    process.exit(1);
  }
}
