import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { currentConnection } from "@/lib/http/connection";
import { clientAddress, publicOrigin, type RequestFacts, servedOverHttps } from "@/lib/http/proxy-trust";

export interface RequestContext {
  ipAddress?: string;
  userAgent?: string;
}

function factsOf(h: Headers): RequestFacts {
  return { headers: h, connection: currentConnection(), trust: env().TRUST_PROXY };
}

/**
 * Client address and agent of a request. The address comes from the source TRUST_PROXY names
 * (lib/http/proxy-trust.ts), never from a header a client could have written; it is undefined
 * when that source has none.
 */
export function contextFromHeaders(h: Headers): RequestContext {
  const ipAddress = clientAddress(factsOf(h));
  const userAgent = h.get("user-agent")?.trim() || undefined;
  return { ...(ipAddress ? { ipAddress } : {}), ...(userAgent ? { userAgent: userAgent.slice(0, 512) } : {}) };
}

export async function requestContext(): Promise<RequestContext> {
  return contextFromHeaders(await headers());
}

/**
 * Whether next-auth's cookies must be Secure: the request reached the app over HTTPS by
 * TRUST_PROXY's rules, or the public URL (AUTH_URL) is https, as behind a TLS proxy that
 * TRUST_PROXY was not told about. Never because of a header under TRUST_PROXY=none.
 */
export async function secureCookies(): Promise<boolean> {
  if (/^https:/i.test(env().AUTH_URL ?? "")) return true;
  return servedOverHttps(factsOf(await headers()));
}

/**
 * The origin the person reached the app at (for links they will open, such as invites): AUTH_URL
 * when set, else the Host the trusted source reports.
 */
export async function requestOrigin(): Promise<string> {
  const configured = env().AUTH_URL;
  if (configured) return new URL(configured).origin;
  return publicOrigin(factsOf(await headers())) ?? "http://localhost:3000";
}
