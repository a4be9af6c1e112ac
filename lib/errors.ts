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

export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
  }
}
