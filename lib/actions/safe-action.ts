import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { isSecondFactorDue, SECOND_FACTOR_DUE } from "@/lib/auth/mfa-policy";
import { can, type Permission } from "@/lib/auth/permissions";
import { type RequestContext, requestContext } from "@/lib/auth/request-context";
import { getCurrentSession } from "@/lib/auth/session";
import type { AuditContext } from "@/lib/db/audit";
import type { Session } from "@/lib/db/sessions";
import type { User } from "@/lib/validation/users";
import { AppError, ConflictError, ForbiddenError, isServiceUnavailable, SERVICE_UNAVAILABLE, ThrottledError, ValidationError } from "@/lib/errors";
import type { ActionFailure, ActionResult, FieldErrors } from "@/lib/types/action-result";

// The two tiers every server action is written on (docs/architecture.md, "Actions"):
// - `publicAction`: the input parsed with the same zod schema as the form, the request's
//   context (client address and agent, lib/auth/request-context.ts), and every error mapped to
//   a result; for callers without a session (sign-in, set-password, forgot-password).
// - `action`: the same, for a signed-in caller read from DynamoDB (not the token) on this very
//   request, with an optional permission that needs no subject; permissions over a subject are
//   decided by the guard (lib/auth/subjects.ts) inside the handler. A user whose role requires
//   a second factor they have not set up is refused everything but that setup and signing out.
// Typed errors become results; anything else is logged and reported as a generic failure, so
// raw exception text never reaches the browser. Next's redirect() and notFound() pass through.

export interface PublicContext {
  request: RequestContext;
}

export interface ActionContext extends PublicContext {
  user: User;
  /** The session the request came with ("sign out of other sessions" keeps it). */
  session: Session;
  /** Who is acting, from where: for the audit entry written with the change. */
  audit: AuditContext;
}

export const SESSION_ENDED = "Your session has ended. Please sign in again.";
const INVALID_INPUT = "Please correct the highlighted fields.";

/** Messages by dotted path. Paths can be field names people chose ("toString"): a Map, not a plain object, collects them. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out = new Map<string, string[]>();
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    out.set(key, [...(out.get(key) ?? []), issue.message]);
  }
  return Object.fromEntries(out);
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
  if (error instanceof ThrottledError) return { ok: false, error: error.message, throttled: true };
  if (error instanceof AppError) return { ok: false, error: error.message };
  console.error("server action failed", error);
  if (isServiceUnavailable(error)) return { ok: false, error: SERVICE_UNAVAILABLE };
  return { ok: false, error: "Something went wrong on our side. Please try again." };
}

/** Runs a tier's work with the error mapping around all of it, reading the session included. */
async function mapped<T>(work: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await work();
  } catch (error) {
    // redirect() and notFound() are signals for Next, not failures.
    unstable_rethrow(error);
    return failure(error);
  }
}

function parse<S extends z.ZodType>(schema: S, input: unknown): { ok: true; data: z.output<S> } | ActionFailure {
  const parsed = schema.safeParse(input);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, error: INVALID_INPUT, fieldErrors: fieldErrorsOf(parsed.error) };
}

export function publicAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.output<S>, ctx: PublicContext) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return (input) =>
    mapped(async () => {
      const parsed = parse(schema, input);
      if (!parsed.ok) return parsed;
      return { ok: true, data: await handler(parsed.data, { request: await requestContext() }) };
    });
}

export function action<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.output<S>, ctx: ActionContext) => Promise<T>,
  options: {
    permission?: Permission;
    /** The action is part of setting up a second factor the role requires (or signing out): allowed before it exists. */
    secondFactorSetup?: boolean;
  } = {},
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return (input) =>
    mapped(async () => {
      const signedIn = await getCurrentSession();
      if (!signedIn) return { ok: false, error: SESSION_ENDED, sessionEnded: true };
      if (!options.secondFactorSetup && isSecondFactorDue(signedIn)) throw new ForbiddenError(SECOND_FACTOR_DUE);
      const { user, session } = signedIn;
      if (options.permission && !can(user, options.permission)) throw new ForbiddenError();
      const parsed = parse(schema, input);
      if (!parsed.ok) return parsed;
      const request = await requestContext();
      return { ok: true, data: await handler(parsed.data, { request, user, session, audit: { actorId: user.id, actorRole: user.role, ...request } }) };
    });
}

/** The named fields of a submitted form as strings (a file or a missing field reads as ""), for a tier's input. */
export function formValues<K extends string>(formData: FormData, names: readonly K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const name of names) {
    const value = formData.get(name);
    out[name] = typeof value === "string" ? value : "";
  }
  return out;
}
