// Retries what the AWS SDK does not: a call whose own attempts ran out on throttling or a 5xx,
// a connection dropped while a response body was being read (the SDK has returned by then),
// DynamoDB Local's "socket hang up" under bursts. A transfer of a whole environment makes
// enough calls that one of these will happen; failing the run for it would be wrong, and
// retrying anything else (a refused condition, access denied) would hide a real problem.

const TRANSIENT_NAMES = new Set([
  "ThrottlingException",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "InternalServerError",
  "InternalError",
  "ServiceUnavailable",
  "SlowDown",
  "RequestTimeout",
  "RequestTimeoutException",
  "TimeoutError",
]);
const TRANSIENT_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "EAI_AGAIN", "UND_ERR_SOCKET"]);

/** Thrown by this module's callers for a failure worth another attempt (a body cut short). */
export class TransientError extends Error {
  override name = "TransientError";
}

export function isTransient(error: unknown): boolean {
  if (error instanceof TransientError) return true;
  if (!(error instanceof Error)) return false;
  const e = error as Error & { code?: string; $metadata?: { httpStatusCode?: number }; cause?: unknown };
  if (e.name === "AbortError") return false;
  if (TRANSIENT_NAMES.has(e.name)) return true;
  if (e.code && TRANSIENT_CODES.has(e.code)) return true;
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  if (/socket hang up|premature close|aborted/i.test(e.message)) return true;
  return e.cause !== undefined && e.cause !== error && isTransient(e.cause);
}

export interface RetryOptions {
  attempts?: number;
  signal?: AbortSignal;
  /** Told before each new attempt, e.g. to log it. */
  onRetry?: (error: unknown, attempt: number) => void;
}

export async function withRetry<T>(what: string, run: () => Promise<T>, { attempts = 6, signal, onRetry }: RetryOptions = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (signal?.aborted || attempt >= attempts || !isTransient(error)) {
        if (attempt > 1 && error instanceof Error) error.message = `${what}: ${error.message} (after ${attempt} attempts)`;
        throw error;
      }
      onRetry?.(error, attempt);
      // Exponential with full jitter: 0.2 s, 0.4 s, … up to 10 s.
      const ceiling = Math.min(10_000, 200 * 2 ** (attempt - 1));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
    }
  }
}
