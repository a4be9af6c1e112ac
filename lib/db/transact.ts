import "server-only";
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { TransactWriteCommand, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import { db } from "./client";

/** One write of TransactWriteItems as the SDK takes it. */
export type TransactWrite = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/**
 * Writes an item brings into its transaction besides itself (an audit entry brings the daily
 * counters it adds to). They go after all the caller's items, so the cancellation codes keep
 * the caller's positions, and are built afresh on each attempt, so a random choice (a counter
 * shard) is made again on a retry. Every item naming the same `build` is passed to one call of
 * it, so it can merge them: a transaction may not touch one DynamoDB item twice. `build` is
 * called as a plain function.
 */
export interface Companions<P = unknown> {
  build(payloads: P[]): TransactWrite[];
  payload: P;
}

export type TransactItem = TransactWrite & { companions?: Companions };

/** Why each item of a cancelled transaction failed, by position ("None" where it did not). */
export type CancellationCodes = string[];

const MAX_ATTEMPTS = 4;

function codes(error: TransactionCanceledException, count: number): CancellationCodes {
  const reasons = error.CancellationReasons ?? [];
  return Array.from({ length: count }, (_, i) => reasons[i]?.Code ?? "None");
}

/** The caller's items in order, then the writes their companions build. */
function withCompanions(items: TransactItem[]): TransactWrite[] {
  const payloads = new Map<Companions["build"], unknown[]>();
  const own = items.map(({ companions, ...write }) => {
    if (companions) payloads.set(companions.build, [...(payloads.get(companions.build) ?? []), companions.payload]);
    return write;
  });
  return [...own, ...[...payloads].flatMap(([build, group]) => build(group))];
}

/**
 * Writes all items (and their companions) or none. A cancellation caused only by another
 * transaction touching the same items at that moment (TransactionConflict) is retried, since
 * nothing was written; any other cancellation is handed to `onCancel`, which turns the
 * per-item codes (the caller's items first, in order) into the error the caller should see.
 */
export async function transact(
  items: TransactItem[],
  onCancel: (codes: CancellationCodes) => Error,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const all = withCompanions(items);
    try {
      await db().send(new TransactWriteCommand({ TransactItems: all }));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const found = codes(error, all.length);
      const onlyConflicts = found.every((c) => c === "None" || c === "TransactionConflict");
      if (onlyConflicts && attempt < MAX_ATTEMPTS) {
        await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 40));
        continue;
      }
      throw onCancel(found);
    }
  }
}
