// Typed errors that repositories and actions throw; the action wrapper maps them to results.
// Their messages are written for the person using the app: they may be shown as they are.

export class AppError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {}

export class ForbiddenError extends AppError {
  constructor(message = "You do not have permission to do that.") {
    super(message);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = "Please sign in again.") {
    super(message);
  }
}

/**
 * A write lost a race: the item changed since it was read, or a unique value is taken.
 * `latest` is the item as it is now, so the person can see the other change before retrying.
 */
export class ConflictError extends AppError {
  constructor(
    message: string,
    readonly field?: string,
    readonly latest?: unknown,
  ) {
    super(message);
  }
}

/** Too many attempts from this email or address (lib/auth/throttle.ts): the action tier says so. */
export class ThrottledError extends AppError {}

export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

const UNAVAILABLE_NAMES = new Set([
  "TimeoutError",
  "ThrottlingException",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "InternalServerError",
  "ServiceUnavailable",
  "SlowDown",
]);
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/**
 * Whether an error means a service we depend on (DynamoDB, S3) could not be reached or is
 * overloaded, after the SDK's own retries: the person should hear "try again shortly", not a
 * verdict on what they typed.
 */
export function isServiceUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { name, code, $metadata } = e as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
    if (name && UNAVAILABLE_NAMES.has(name)) return true;
    if (code && NETWORK_CODES.has(code)) return true;
    if (($metadata?.httpStatusCode ?? 0) >= 500) return true;
    const errors = (e as { errors?: unknown[] }).errors;
    if (Array.isArray(errors) && errors.some((inner) => isServiceUnavailable(inner))) return true;
  }
  return false;
}

/** The same, where it must not read as a wrong password. */
export const SERVICE_UNAVAILABLE_SIGN_IN = "Sign-in is unavailable right now: we cannot reach the account service. Please try again in a moment.";

export const SERVICE_UNAVAILABLE = "The service is unavailable right now. Nothing was changed; please try again in a moment.";
