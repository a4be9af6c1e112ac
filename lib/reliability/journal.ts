// Reliability suite: what each operation of a run was told and what it may therefore have
// written. Every call of a domain function is one operation with its own tag in the audit
// context's user agent, so the checker can pair audit entries with operations exactly.
import type { AuditContext } from "@/lib/db/audit";
import { operationScope, outcomeUnknown, type FaultKind, type OperationScope } from "./faults";

/** An audit entry an operation should have written: `details` is matched as a subset. */
export interface ExpectedAudit {
  action: string;
  targetUserId?: string;
  details: Record<string, unknown>;
}

/**
 * ok: the call returned (acknowledged); failed: it threw and nothing it met could have let a
 * write land; maybe: it threw after a fault that may have come after its write.
 */
export type Outcome = "ok" | "failed" | "maybe";

/** A state the run was told it reached (acknowledged), for the lost-write check. */
export type Claim =
  | { entity: "user"; id: string; version: number; fields: Record<string, unknown> }
  | { entity: "profile"; id: string; version: number; fields: Record<string, unknown> }
  | { entity: "profile-deleted"; id: string }
  | { entity: "file-ready"; id: string; s3Key: string }
  | { entity: "file-gone"; id: string };

export interface OperationRecord {
  tag: string;
  kind: string;
  outcome: Outcome;
  error?: string;
  errorName?: string;
  faults: FaultKind[];
  /** The operation wrote exactly one of these sets of audit entries. */
  audits: ExpectedAudit[][];
  claims: Claim[];
  /** Ids an operation that may have happened could have deleted (profiles). */
  mayDelete: string[];
  /** A stale-version save, which must be refused with a ConflictError. */
  stale?: boolean;
  /** The profile image an upload completion writes ("profileId/avatar"), whose key it shares. */
  slot?: string;
  ms: number;
}

export interface Step<T> {
  kind: string;
  run: (ctx: AuditContext) => Promise<T>;
  /** The audit sets an acknowledged call allows. */
  onOk: (result: T) => ExpectedAudit[][];
  /** The audit sets a call whose outcome is unknown may have written (besides none). */
  ifApplied: ExpectedAudit[][];
  claims?: (result: T) => Claim[];
  mayDelete?: string[];
  stale?: boolean;
  slot?: string;
}

/** Longer than any operation may take, faults and retries included: past it, a call hangs. */
export const HANG_MS = 30_000;

export class Journal {
  readonly records: OperationRecord[] = [];
  /** Presigned PUTs S3 refused (status and message): the browser's step, reported, not an operation. */
  readonly refusedPuts: string[] = [];
  private next = 0;

  constructor(
    readonly runTag: string,
    readonly actorId: string,
  ) {}

  /** Runs one domain call inside its own fault scope and records what it was told. */
  async perform<T>(step: Step<T>): Promise<T | undefined> {
    const tag = `${this.runTag}-${++this.next}`;
    const ctx: AuditContext = { actorId: this.actorId, actorRole: "admin", userAgent: `reliability ${tag}` };
    const scope: OperationScope = { faults: [] };
    const started = Date.now();
    const base = { tag, kind: step.kind, faults: scope.faults, claims: [] as Claim[], mayDelete: step.mayDelete ?? [], stale: step.stale, slot: step.slot };
    let timer: NodeJS.Timeout | undefined;
    const hang = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`hung for ${HANG_MS} ms`), { name: "Hang" })), HANG_MS);
    });
    try {
      const result = await Promise.race([operationScope.run(scope, () => step.run(ctx)), hang]);
      this.records.push({ ...base, outcome: "ok", audits: step.onOk(result), claims: step.claims?.(result) ?? [], ms: Date.now() - started });
      return result;
    } catch (error) {
      const { name, message } = error as Error;
      const unknown = outcomeUnknown(scope) || name === "Hang";
      this.records.push({
        ...base,
        outcome: unknown ? "maybe" : "failed",
        error: message,
        errorName: name,
        audits: unknown ? [[], ...step.ifApplied] : [[]],
        ms: Date.now() - started,
      });
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}
