import "server-only";
import type { z } from "zod";
import { getCurrentUser } from "@/lib/auth/current-user";
import { requestContext } from "@/lib/auth/request-context";
import type { AuditContext } from "@/lib/db/audit";
import type { User } from "@/lib/db/users";
import { AppError, ConflictError, ValidationError } from "@/lib/errors";

export type FieldErrors = Record<string, string[]>;

export type ActionFailure = {
  ok: false;
  error: string;
  fieldErrors?: FieldErrors;
  /** Set when the write lost a race; `latest` is the item as it is now, when known. */
  conflict?: boolean;
  latest?: unknown;
};

export type ActionResult<T> = { ok: true; data: T } | ActionFailure;

export interface ActionContext {
  user: User;
  audit: AuditContext;
}

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/**
 * The one shape of every server action: who is asking (read from DynamoDB, not the token),
 * the input parsed with the same zod schema as the form, then the handler, which checks
 * permission against the subject it loads. Typed errors become results; anything else is
 * logged and reported as a generic failure, so raw exception text never reaches the browser.
 */
export function action<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.output<S>, ctx: ActionContext) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (input) => {
    const user = await getCurrentUser();
    if (!user) return { ok: false, error: "Your session has ended. Please sign in again." };
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      return { ok: false, error: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) };
    }
    try {
      const data = await handler(parsed.data, { user, audit: { actorId: user.id, actorRole: user.role, ...(await requestContext()) } });
      return { ok: true, data };
    } catch (error) {
      return failure(error);
    }
  };
}

export function failure(error: unknown): ActionFailure {
  if (error instanceof ConflictError) {
    return {
      ok: false,
      error: error.message,
      conflict: true,
      ...(error.field ? { fieldErrors: { [error.field]: [error.message] } } : {}),
      ...(error.latest !== undefined ? { latest: error.latest } : {}),
    };
  }
  if (error instanceof ValidationError) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
  if (error instanceof AppError) return { ok: false, error: error.message };
  console.error("server action failed", error);
  return { ok: false, error: "Something went wrong on our side. Please try again." };
}
