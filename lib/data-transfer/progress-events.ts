// What the transfer functions report as they go; lib/data-transfer/progress.ts draws it for a
// terminal, tests count it. Reporting is a callback so that the library itself never prints.

export interface TransferProgress {
  /** A table's name, or "objects". */
  phase: string;
  /** Items or objects handled so far in this phase (including earlier, resumed runs). */
  done: number;
  /** How many there are, when known; `approximate` for DynamoDB's own item count. */
  total?: number;
  approximate?: boolean;
  bytes: number;
  finished: boolean;
}

export type OnProgress = (progress: TransferProgress) => void;
