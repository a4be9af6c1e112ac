// Test support: observe or alter the real DynamoDB client's requests through SDK middleware
// (fault injection and call counting without mocking the client).
import { randomUUID } from "node:crypto";
import type { ServiceInputTypes, ServiceOutputTypes } from "@aws-sdk/lib-dynamodb";
import type { FinalizeRequestMiddleware, InitializeMiddleware } from "@smithy/types";
import { db } from "../client";

type Input = Record<string, unknown>;

/** Lets `alter` rewrite each command's input before it is sent; returns the remover. */
export function alterRequests(alter: (commandInput: Input) => void): () => void {
  const name = `alter-${randomUUID()}`;
  const middleware: InitializeMiddleware<ServiceInputTypes, ServiceOutputTypes> = (next) => async (args) => {
    alter(args.input as Input);
    return next(args);
  };
  db().middlewareStack.add(middleware, { step: "initialize", name });
  return () => void db().middlewareStack.remove(name);
}

/**
 * Lets `around` stand between the app and DynamoDB for each command: it may change the input
 * it passes to `send`, change the output before the caller sees it, or answer without sending
 * (documents on both sides, as lib-dynamodb's commands take and return them). Returns the
 * remover.
 */
export function aroundRequests(around: (commandInput: Input, send: (input: Input) => Promise<Input>) => Promise<Input>): () => void {
  const name = `around-${randomUUID()}`;
  const middleware: InitializeMiddleware<ServiceInputTypes, ServiceOutputTypes> = (next) => async (args) => {
    let response: Awaited<ReturnType<typeof next>> | undefined;
    const output = await around(args.input as Input, async (input) => {
      response = await next({ ...args, input: input as ServiceInputTypes });
      return response.output as Input;
    });
    return { response: response?.response, output: { $metadata: {}, ...output } as ServiceOutputTypes };
  };
  db().middlewareStack.add(middleware, { step: "initialize", name });
  return () => void db().middlewareStack.remove(name);
}

/** Counts the HTTP requests made to DynamoDB while `work` runs (retries included). */
export async function countCalls<T>(work: () => Promise<T>): Promise<{ result: T; calls: number }> {
  let calls = 0;
  const name = `count-${randomUUID()}`;
  const middleware: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> = (next) => async (args) => {
    calls++;
    return next(args);
  };
  db().middlewareStack.add(middleware, { step: "finalizeRequest", name });
  try {
    return { result: await work(), calls };
  } finally {
    db().middlewareStack.remove(name);
  }
}
