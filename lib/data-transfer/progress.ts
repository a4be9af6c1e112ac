import { formatBytes } from "@/lib/format/bytes";
import type { OnProgress, TransferProgress } from "./progress-events";

// Progress of `data:export` / `data:import` for a person watching: on a terminal one line
// redrawn in place (bar, count, bytes, rate) at most ten times a second; anywhere else (a CI
// log, a file) a plain line per finished table and, for long phases, one every half minute.

const BAR_WIDTH = 24;
const REDRAW_MS = 100;
const LOG_EVERY_MS = 30_000;

export interface ProgressPrinter {
  onProgress: OnProgress;
  /** Ends a line left half drawn (before an error message, say). */
  close(): void;
}

function describe(p: TransferProgress, seconds: number): string {
  const total = p.total !== undefined ? `/${p.approximate ? "~" : ""}${p.total}` : "";
  const rate = seconds > 0.5 ? ` ${Math.round(p.done / seconds)}/s` : "";
  return `${p.done}${total} ${p.phase === "objects" ? "objects" : "items"}, ${formatBytes(p.bytes)}${rate}`;
}

function bar(p: TransferProgress): string {
  if (!p.total) return "";
  const share = Math.min(1, p.done / p.total);
  const filled = Math.round(share * BAR_WIDTH);
  return `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${String(Math.floor(share * 100)).padStart(3)}% `;
}

export function progressPrinter(out: NodeJS.WriteStream = process.stdout): ProgressPrinter {
  const tty = out.isTTY === true;
  let phase = "";
  let phaseStarted = Date.now();
  let lastDraw = 0;
  let drawn = false;

  const onProgress: OnProgress = (p) => {
    const now = Date.now();
    if (p.phase !== phase) {
      phase = p.phase;
      phaseStarted = now;
      lastDraw = 0;
    }
    const seconds = (now - phaseStarted) / 1000;
    const text = `${p.phase.padEnd(14)} ${bar(p)}${describe(p, seconds)}`;
    if (tty) {
      if (!p.finished && now - lastDraw < REDRAW_MS) return;
      lastDraw = now;
      out.write(`\r\x1b[2K${text}${p.finished ? "\n" : ""}`);
      drawn = !p.finished;
    } else if (p.finished || (lastDraw && now - lastDraw >= LOG_EVERY_MS)) {
      out.write(`${text}${p.finished ? ` (${seconds.toFixed(1)} s)` : " …"}\n`);
      lastDraw = now;
    } else if (!lastDraw) {
      lastDraw = now;
    }
  };
  return {
    onProgress,
    close() {
      if (drawn) out.write("\n");
      drawn = false;
    },
  };
}
