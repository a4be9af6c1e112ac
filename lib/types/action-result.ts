// What every server action answers, and the one way the browser turns that answer into data or
// an error. Neither server-only nor a component: forms, hooks and React Query callers import it.

export type FieldErrors = Record<string, string[]>;

export type ActionFailure = {
  ok: false;
  error: string;
  fieldErrors?: FieldErrors;
  /** Set when the write lost a race; `latest` is the item as it is now, when known. */
  conflict?: boolean;
  latest?: unknown;
  /** The session ended: sign in again (what was typed is still on the page). */
  sessionEnded?: boolean;
  /** Too many attempts: wait before trying again. */
  throttled?: boolean;
};

export type ActionResult<T> = { ok: true; data: T } | ActionFailure;

/**
 * What a `<form action>` holds in useActionState: nothing yet, or the last submit's result,
 * with the values typed (never passwords) to put back into the form.
 */
export type FormState<T, K extends string = string> = (ActionResult<T> | { ok?: undefined }) & { values?: Partial<Record<K, string>> };

/** The failure a form state holds, if its last submit failed. */
export function failureOf(state: FormState<unknown>): ActionFailure | null {
  return state.ok === false ? state : null;
}

const OFFLINE = "We could not reach the server. Check your connection and try again.";

/** A failed action, thrown so that React Query and forms see one error type with everything the failure said. */
export class ActionError extends Error {
  readonly fieldErrors: FieldErrors;
  readonly conflict: boolean;
  readonly latest: unknown;
  readonly sessionEnded: boolean;
  readonly throttled: boolean;
  /** The request never got an answer (network down, server restarting): safe to retry. */
  readonly offline: boolean;

  constructor(failure: Omit<ActionFailure, "ok">, offline = false) {
    super(failure.error);
    this.name = "ActionError";
    this.fieldErrors = failure.fieldErrors ?? {};
    this.conflict = failure.conflict ?? false;
    this.latest = failure.latest;
    this.sessionEnded = failure.sessionEnded ?? false;
    this.throttled = failure.throttled ?? false;
    this.offline = offline;
  }
}

/** The data of a successful result; a failure is thrown as an ActionError. */
export function unwrap<T>(result: ActionResult<T>): T {
  if (result.ok) return result.data;
  throw new ActionError(result);
}

/**
 * Calls a server action from the browser and unwraps its result. A call that throws before any
 * answer arrives (`Failed to fetch`, a server that went away) becomes an offline ActionError, so
 * the caller handles one type and never lets an error boundary replace the page.
 */
export async function callAction<T>(run: () => Promise<ActionResult<T>>): Promise<T> {
  let result: ActionResult<T>;
  try {
    result = await run();
  } catch {
    throw new ActionError({ error: OFFLINE }, true);
  }
  return unwrap(result);
}

/** The words to show for any error a call produced. */
export function messageOf(error: unknown): string {
  return error instanceof ActionError ? error.message : OFFLINE;
}
