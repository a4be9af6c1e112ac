// Reliability suite: makes a share of the real DynamoDB and S3 clients' calls fail, through SDK
// middleware (as lib/db/testing/sdk-middleware.ts does for DynamoDB), and tells each operation
// which faults it met, so an error after a write that may have landed is known as such.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { FinalizeRequestMiddleware, InitializeMiddleware, MiddlewareStack } from "@smithy/types";
import { db } from "@/lib/db/client";
import { s3 } from "@/lib/s3/client";

export type FaultKind = "throttle" | "server-error" | "timeout-before-send" | "timeout-after-send";

/** What one operation met; `afterSend` faults leave its outcome unknown. */
export interface OperationScope {
  faults: FaultKind[];
}

export const operationScope = new AsyncLocalStorage<OperationScope>();

export const outcomeUnknown = (scope: OperationScope) => scope.faults.includes("timeout-after-send");

export type FaultTally = Record<FaultKind, number>;

function sdkError(kind: FaultKind, service: "dynamodb" | "s3"): Error {
  const [name, status] =
    kind === "throttle"
      ? [service === "s3" ? "SlowDown" : "ThrottlingException", service === "s3" ? 503 : 400]
      : kind === "server-error"
        ? [service === "s3" ? "InternalError" : "InternalServerError", 500]
        : ["TimeoutError", 0];
  const error = new Error(`injected ${kind}`) as Error & { $metadata: object; $fault: string };
  error.name = name;
  error.$metadata = status ? { httpStatusCode: status } : {};
  error.$fault = kind === "throttle" ? "client" : "server";
  return error;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Fails about `rate` of the calls of both clients, within operations only (the checker's reads
 * are left alone): half of the faults below the SDK's retries, on one HTTP attempt (as a real
 * network or service would: the SDK may retry), half above them (what a caller meets when the
 * retries run out). Throttling and 500s come before the request is sent; timeouts either
 * before it is sent or after its response came back (the write happened, the caller cannot
 * know). `random` is the seeded PRNG. Returns the tally, the attempts counted and the remover.
 */
export function injectFaults(rate: number, random: () => number): { tally: FaultTally; calls: () => number; remove: () => void } {
  let calls = 0;
  const tally: FaultTally = { throttle: 0, "server-error": 0, "timeout-before-send": 0, "timeout-after-send": 0 };
  const kinds: FaultKind[] = ["throttle", "server-error", "timeout-before-send", "timeout-after-send"];
  const faulty =
    (service: "dynamodb" | "s3", countCalls: boolean): FinalizeRequestMiddleware<object, object> =>
    (next, context) =>
    async (args) => {
      const scope = operationScope.getStore();
      // Presigning runs the stack down to signing without sending anything, so nothing can
      // fail there; the app only ever presigns PutObject.
      if (!scope || context.commandName === "PutObjectCommand") return next(args);
      if (countCalls) calls++;
      if (random() >= rate / 2) return next(args);
      const kind = kinds[Math.floor(random() * kinds.length)]!;
      tally[kind]++;
      scope.faults.push(kind);
      if (kind === "timeout-after-send") {
        await next(args);
        await sleep(20 + random() * 80);
      } else if (kind === "timeout-before-send") {
        await sleep(20 + random() * 80);
      }
      throw sdkError(kind, service);
    };
  const removers = (["dynamodb", "s3"] as const).flatMap((service) => {
    const stack = (service === "dynamodb" ? db().middlewareStack : s3().middlewareStack) as unknown as MiddlewareStack<object, object>;
    const attempt = `faults-attempt-${randomUUID()}`;
    const call = `faults-call-${randomUUID()}`;
    // After the retry and signing middleware of the same step: every attempt is a candidate.
    stack.add(faulty(service, true), { step: "finalizeRequest", priority: "low", name: attempt });
    // Before the retries: the caller meets the fault as it is.
    stack.add(faulty(service, false) as unknown as InitializeMiddleware<object, object>, { step: "initialize", name: call });
    return [() => void stack.remove(attempt), () => void stack.remove(call)];
  });
  return { tally, calls: () => calls, remove: () => removers.forEach((remove) => remove()) };
}
