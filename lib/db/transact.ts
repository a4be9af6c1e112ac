import "server-only";
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { TransactWriteCommand, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import { auditCounterUpdates } from "./audit-stats";
import { db, table } from "./client";

export type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/** Why each item of a cancelled transaction failed, by position ("None" where it did not). */
export type CancellationCodes = string[];

const MAX_ATTEMPTS = 4;

function codes(error: TransactionCanceledException, count: number): CancellationCodes {
  const reasons = error.CancellationReasons ?? [];
  return Array.from({ length: count }, (_, i) => reasons[i]?.Code ?? "None");
}

/**
 * Writes all items or none. A cancellation caused only by another transaction touching the
 * same items at that moment (TransactionConflict) is retried, since nothing was written; any
 * other cancellation is handed to `onCancel`, which turns the per-item codes into the error
 * the caller should see.
 */
export async function transact(
  items: TransactItem[],
  onCancel: (codes: CancellationCodes) => Error,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    // The daily counters of the audit entries ride along, after the caller's items (whose
    // positions the cancellation codes keep). Re-chosen per attempt: a new shard may be free.
    const all = [...items, ...auditCounterUpdates(items, table("auditLogs"))];
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
