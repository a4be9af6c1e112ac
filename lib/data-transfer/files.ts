import { createReadStream } from "node:fs";
import { open, rename, stat, truncate, writeFile } from "node:fs/promises";
import { createInterface } from "node:readline";

// The file handling that makes an export or import resumable: JSON Lines appended and synced
// before the checkpoint that counts them is written, checkpoints replaced atomically, and
// reading a line file from a byte offset. A crash can therefore leave at most lines past the
// last checkpoint (a page written but not counted, or half a line), which truncate() drops.

/** Appends text to a file and waits until it is on disk. */
export async function appendDurably(file: string, text: string): Promise<void> {
  const handle = await open(file, "a");
  try {
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Cuts a file back to the bytes a checkpoint counted; creates it empty if missing. */
export async function truncateTo(file: string, bytes: number): Promise<void> {
  const size = await stat(file).then(
    (s) => s.size,
    () => null,
  );
  if (size === null) {
    if (bytes > 0) throw new Error(`${file} is missing, but the checkpoint counts ${bytes} bytes of it. Start again in an empty directory.`);
    await writeFile(file, "");
    return;
  }
  if (size < bytes) throw new Error(`${file} holds ${size} bytes, fewer than the ${bytes} its checkpoint counts: it was changed or cut. Start again in an empty directory.`);
  if (size > bytes) await truncate(file, bytes);
}

/** Writes JSON by replacing the file, so a crash leaves either the old or the new checkpoint. */
export async function writeJsonAtomically(file: string, value: unknown): Promise<void> {
  const temp = `${file}.tmp`;
  const handle = await open(temp, "w");
  try {
    await handle.writeFile(`${JSON.stringify(value, null, 2)}\n`, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}

export interface Line {
  text: string;
  /** Byte offset just past this line's newline: where a resumed read starts. */
  end: number;
}

/** The lines of a file from byte `start` up to byte `end` (exclusive), read as a stream. */
export async function* readLines(file: string, start: number, end: number): AsyncGenerator<Line> {
  if (end <= start) return;
  const lines = createInterface({ input: createReadStream(file, { start, end: end - 1, encoding: "utf8" }), crlfDelay: Infinity });
  let offset = start;
  for await (const text of lines) {
    offset += Buffer.byteLength(text, "utf8") + 1;
    yield { text, end: offset };
  }
}

export interface LineBatch<T> {
  entries: T[];
  /** Byte offset just past the batch's last line: the checkpoint once the batch is done. */
  end: number;
}

/**
 * The lines from `start` to `end`, parsed, in batches of up to `size`: the unit an export or
 * import handles at once and then checkpoints. Stops before a batch once `signal` is aborted.
 */
export async function* lineBatches<T>(file: string, start: number, end: number, size: number, parse: (text: string) => T, signal?: AbortSignal): AsyncGenerator<LineBatch<T>> {
  let batch: LineBatch<T> = { entries: [], end: start };
  for await (const line of readLines(file, start, end)) {
    batch.entries.push(parse(line.text));
    batch.end = line.end;
    if (batch.entries.length >= size) {
      signal?.throwIfAborted();
      yield batch;
      batch = { entries: [], end: batch.end };
    }
  }
  signal?.throwIfAborted();
  if (batch.entries.length) yield batch;
}
