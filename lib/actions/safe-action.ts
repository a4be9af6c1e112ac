import "server-only";
import type { z } from "zod";
import { getCurrentUser } from "@/lib/auth/current-user";
import { requestContext } from "@/lib/auth/request-context";
import type { AuditContext } from "@/lib/db/audit";
import type { User } from "@/lib/db/users";
import { AppError, ConflictError, ValidationError } from "@/lib/errors";

export type FieldErrors = Record<string, string[]>;

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: FieldErrors; conflict?: boolean };

export interface ActionContext {
  user: User;
  audit: AuditContext;
}

function fieldErrorsOf(error: z.ZodError): FieldErrors {
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
      const data = await handler(parsed.data, { user, audit: { actorId: user.id, ...(await requestContext()) } });
      return { ok: true, data };
    } catch (error) {
      return failure(error);
    }
  };
}

export function failure(error: unknown): { ok: false; error: string; fieldErrors?: FieldErrors; conflict?: boolean } {
  if (error instanceof ConflictError) {
    return error.field
      ? { ok: false, error: error.message, fieldErrors: { [error.field]: [error.message] }, conflict: true }
      : { ok: false, error: error.message, conflict: true };
  }
  if (error instanceof ValidationError) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
  if (error instanceof AppError) return { ok: false, error: error.message };
  console.error("server action failed", error);
  return { ok: false, error: "Something went wrong on our side. Please try again." };
}
