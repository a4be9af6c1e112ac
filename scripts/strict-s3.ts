// Makes s3rver as strict as S3 about presigned requests. s3rver checks no SigV4 signature (a
// tampered URL, a different Content-Type or a longer body than was signed all get 200) and
// only honours expiry loosely, so a green local run would prove nothing about uploads. This
// Koa middleware, spliced in front of s3rver's router, recomputes the signature of every
// request that carries X-Amz-Algorithm and answers like S3 when it does not match or expired.
//
// Relies on s3rver's internals (its `middleware` array and the `.router` on its routes
// function): s3rver is pinned exactly, and this fails loudly if the router is not found.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type S3rver from "s3rver";

export const LOCAL_S3_SECRET = "S3RVER";

interface KoaContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  status: number;
  body: unknown;
  type: string;
  set(field: string, value: string): void;
}
type KoaMiddleware = ((ctx: KoaContext, next: () => Promise<unknown>) => Promise<unknown>) & { router?: unknown };

/** RFC 3986 encoding, as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const hmac = (key: Buffer | string, text: string) => createHmac("sha256", key).update(text).digest();

/** Parses the raw query itself: URLSearchParams would turn "+" into a space. */
function rawQuery(url: string): Array<[string, string]> {
  const query = url.includes("?") ? url.slice(url.indexOf("?") + 1) : "";
  return query
    .split("&")
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf("=");
      return at < 0 ? [decode(pair), ""] : [decode(pair.slice(0, at)), decode(pair.slice(at + 1))];
    });
}

export type Verdict = { ok: true } | { ok: false; status: 403 | 400; code: string; message: string };

/** Checks one presigned request as S3 would; `now` is injectable for tests. */
export function verifyPresigned(method: string, url: string, headers: IncomingMessage["headers"], secret: string, now = Date.now()): Verdict {
  const params = rawQuery(url);
  const get = (name: string) => params.find(([k]) => k === name)?.[1];
  const credential = get("X-Amz-Credential") ?? "";
  const amzDate = get("X-Amz-Date") ?? "";
  const expires = Number(get("X-Amz-Expires"));
  const signedHeaders = get("X-Amz-SignedHeaders") ?? "";
  const signature = get("X-Amz-Signature") ?? "";
  const [, date, region, service, terminator] = credential.split("/");
  if (get("X-Amz-Algorithm") !== "AWS4-HMAC-SHA256" || !date || !region || !service || terminator !== "aws4_request" || !/^\d{8}T\d{6}Z$/.test(amzDate) || !signedHeaders) {
    return { ok: false, status: 400, code: "AuthorizationQueryParametersError", message: "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters." };
  }
  const signedAt = Date.UTC(+amzDate.slice(0, 4), +amzDate.slice(4, 6) - 1, +amzDate.slice(6, 8), +amzDate.slice(9, 11), +amzDate.slice(11, 13), +amzDate.slice(13, 15));
  if (!Number.isFinite(expires) || expires < 1 || expires > 604_800 || now > signedAt + expires * 1000) {
    return { ok: false, status: 403, code: "AccessDenied", message: "Request has expired" };
  }

  const path = url.split("?")[0] ?? "/";
  const canonicalUri = path.split("/").map((segment) => rfc3986(decode(segment))).join("/");
  const canonicalQuery = params
    .filter(([k]) => k !== "X-Amz-Signature")
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const names = signedHeaders.split(";");
  const canonicalHeaders = names.map((name) => {
    const value = headers[name];
    const text = Array.isArray(value) ? value.join(",") : (value ?? "");
    return `${name}:${text.trim().replace(/\s+/g, " ")}\n`;
  });
  const canonicalRequest = [method, canonicalUri, canonicalQuery, canonicalHeaders.join(""), signedHeaders, "UNSIGNED-PAYLOAD"].join("\n");
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonicalRequest)].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), "aws4_request");
  const expected = Buffer.from(hmac(key, stringToSign).toString("hex"));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, status: 403, code: "SignatureDoesNotMatch", message: "The request signature we calculated does not match the signature you provided. Check your key and signing method." };
  }
  return { ok: true };
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function strictPresignedRequests(secret: string): KoaMiddleware {
  return async (ctx, next) => {
    const url = ctx.req.url ?? "/";
    // Browsers send the CORS preflight to the presigned URL without a signature of its own.
    if (ctx.method === "OPTIONS" || !/[?&]X-Amz-Algorithm=/.test(url)) return next();
    const verdict = verifyPresigned(ctx.method, url, ctx.req.headers, secret);
    if (verdict.ok) return next();
    const origin = ctx.req.headers.origin;
    // Without CORS headers the browser could not read why its upload was refused.
    if (typeof origin === "string") {
      ctx.set("Access-Control-Allow-Origin", origin);
      ctx.set("Vary", "Origin");
    }
    ctx.status = verdict.status;
    ctx.type = "application/xml";
    ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${verdict.code}</Code><Message>${xmlEscape(verdict.message)}</Message></Error>`;
  };
}

/** Call before `run()`. */
export function makeS3rverStrict(server: S3rver, secret = LOCAL_S3_SECRET): void {
  const stack = (server as unknown as { middleware: KoaMiddleware[] }).middleware;
  const at = Array.isArray(stack) ? stack.findIndex((m) => typeof m === "function" && "router" in m) : -1;
  if (at < 0) throw new Error("s3rver's router middleware was not found: its internals changed (is s3rver still pinned to 3.7.1?)");
  stack.splice(at, 0, strictPresignedRequests(secret));
}
