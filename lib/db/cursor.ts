import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { ValidationError } from "@/lib/errors";

// Opaque pagination cursors: a DynamoDB LastEvaluatedKey, base64url-encoded and signed so a
// tampered or foreign cursor is rejected instead of steering a Query somewhere unexpected.
// The `scope` binds a cursor to the list it came from.

type Key = Record<string, unknown>;

function mac(scope: string, payload: string): string {
  return createHmac("sha256", env().AUTH_SECRET).update(`cursor:${scope}:${payload}`).digest("base64url").slice(0, 22);
}

export function encodeCursor(scope: string, key: Key | undefined): string | null {
  if (!key) return null;
  const payload = Buffer.from(JSON.stringify(key)).toString("base64url");
  return `${payload}.${mac(scope, payload)}`;
}

export class InvalidCursorError extends ValidationError {
  constructor() {
    super("This page link is no longer valid. Start again from the first page.", {
      cursor: ["Invalid page cursor"],
    });
  }
}

export function decodeCursor(scope: string, cursor: string | null | undefined): Key | undefined {
  if (!cursor) return undefined;
  const [payload, signature, extra] = cursor.split(".");
  if (!payload || !signature || extra !== undefined || cursor.length > 2048) throw new InvalidCursorError();
  const expected = Buffer.from(mac(scope, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new InvalidCursorError();
  try {
    const key: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    if (!key || typeof key !== "object" || Array.isArray(key)) throw new InvalidCursorError();
    return key as Key;
  } catch {
    throw new InvalidCursorError();
  }
}

