// Which request headers describe the client, decided by TRUST_PROXY (lib/env.ts). Headers such
// as X-Forwarded-For are only as honest as the last machine that wrote them: a client can send
// any value, so each setting names the one source that the deployment's own edge overwrites.
import type { ConnectionInfo } from "./connection";
import { addressWithoutPort, normaliseIp } from "./ip-address";

export type TrustProxy = "none" | "vercel" | "cloudfront" | { hops: number };

export const MAX_HOPS = 20;

/** Parses TRUST_PROXY; undefined when the value is none of the accepted forms. */
export function parseTrustProxy(value: string): TrustProxy | undefined {
  const v = value.trim().toLowerCase();
  if (v === "" || v === "none") return "none";
  if (v === "vercel" || v === "cloudfront") return v;
  if (!/^\d{1,2}$/.test(v)) return undefined;
  const hops = Number(v);
  return hops >= 1 && hops <= MAX_HOPS ? { hops } : undefined;
}

export interface RequestFacts {
  headers: Headers;
  connection: ConnectionInfo | undefined;
  trust: TrustProxy;
}

/** Every entry of every X-Forwarded-For header, in order (Headers joins repeats with ", "). */
function forwardedFor(headers: Headers): string[] {
  return (headers.get("x-forwarded-for") ?? "").split(",").map((entry) => entry.trim());
}

/** The client's IP address, or undefined when the trusted source has none or it is not an IP. */
export function clientAddress({ headers, connection, trust }: RequestFacts): string | undefined {
  if (trust === "none") return normaliseIp(connection?.remoteAddress);
  if (trust === "vercel") return normaliseIp(headers.get("x-real-ip") ?? headers.get("x-vercel-forwarded-for")?.split(",")[0]);
  if (trust === "cloudfront") return addressWithoutPort(headers.get("cloudfront-viewer-address"));
  // Each trusted proxy appends the address it was connected from, so the N-th entry from the
  // right was written by the outermost trusted proxy; everything left of it is the client's say.
  const entries = forwardedFor(headers);
  if (!headers.has("x-forwarded-for") || entries.length < trust.hops) return undefined;
  return normaliseIp(entries[entries.length - trust.hops]);
}

/** The right-most value of a possibly comma-listed header: the one the nearest proxy wrote. */
function lastValue(headers: Headers, name: string): string | undefined {
  const value = headers.get(name)?.split(",").at(-1)?.trim();
  return value || undefined;
}

/** Whether the client reached the app over HTTPS. */
export function servedOverHttps({ headers, connection, trust }: RequestFacts): boolean {
  if (trust === "none") return connection?.encrypted === true;
  const proto = trust === "cloudfront" ? (lastValue(headers, "cloudfront-forwarded-proto") ?? lastValue(headers, "x-forwarded-proto")) : lastValue(headers, "x-forwarded-proto");
  return proto?.toLowerCase() === "https";
}

const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** The origin the client addressed, from Host (or the trusted proxy's X-Forwarded-Host). */
export function publicOrigin(facts: RequestFacts): string | undefined {
  const { headers, trust } = facts;
  const host = (trust === "none" ? undefined : lastValue(headers, "x-forwarded-host")) ?? headers.get("host")?.trim();
  if (!host || !HOST.test(host)) return undefined;
  return `${servedOverHttps(facts) ? "https" : "http"}://${host.toLowerCase()}`;
}
