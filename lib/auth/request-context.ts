import "server-only";
import { headers } from "next/headers";

export interface RequestContext {
  ipAddress?: string;
  userAgent?: string;
}

/** Client address and agent of a request, as the host's proxy reports them. */
export function contextFromHeaders(h: Headers): RequestContext {
  // The left-most x-forwarded-for entry is the client on Vercel/Amplify (their edge sets it).
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  const ipAddress = forwarded || h.get("x-real-ip")?.trim() || undefined;
  const userAgent = h.get("user-agent")?.trim() || undefined;
  return { ipAddress: ipAddress?.slice(0, 64), userAgent: userAgent?.slice(0, 512) };
}

export async function requestContext(): Promise<RequestContext> {
  return contextFromHeaders(await headers());
}

/** The origin the person reached the app at (for links they will open, such as invites). */
export async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? "http";
  return `${proto === "https" ? "https" : "http"}://${host}`;
}
