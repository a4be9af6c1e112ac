import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { requestContext } from "@/lib/auth/request-context";
import { getCurrentSession } from "@/lib/auth/session";
import type { AuditContext } from "@/lib/db/audit";
import type { Session } from "@/lib/db/sessions";
import type { User } from "@/lib/db/users";
import { AppError, ConflictError, isServiceUnavailable, SERVICE_UNAVAILABLE, ValidationError } from "@/lib/errors";

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
  /** The session the request came with ("sign out of other sessions" keeps it). */
  session: Session;
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
    try {
      // Inside the error mapping: an outage while reading the session is a friendly failure too.
      const signedIn = await getCurrentSession();
      if (!signedIn) return { ok: false, error: SESSION_ENDED };
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        return { ok: false, error: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) };
      }
      const { user, session } = signedIn;
      const data = await handler(parsed.data, { user, session, audit: { actorId: user.id, actorRole: user.role, ...(await requestContext()) } });
      return { ok: true, data };
    } catch (error) {
      // redirect() and notFound() are signals for Next, not failures.
      unstable_rethrow(error);
      return failure(error);
    }
  };
}

export const SESSION_ENDED = "Your session has ended. Please sign in again.";

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
  if (isServiceUnavailable(error)) return { ok: false, error: SERVICE_UNAVAILABLE };
  return { ok: false, error: "Something went wrong on our side. Please try again." };
}
