// One canonical spelling per client address, so an audit entry and a throttle key name the same
// machine the same way however a proxy or socket wrote it (port, brackets, case, IPv4-mapped).
import { isIP } from "node:net";

const IPV4_WITH_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/;
const BRACKETED = /^\[([^\]]+)\](?::\d{1,5})?$/;
const MAPPED_HEX = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/;

/** A valid IPv4 or IPv6 address in canonical form, or undefined for anything else. */
export function normaliseIp(value: string | undefined | null): string | undefined {
  if (typeof value !== "string") return undefined;
  let candidate = value.trim();
  if (candidate.length === 0 || candidate.length > 64) return undefined;
  candidate = BRACKETED.exec(candidate)?.[1] ?? IPV4_WITH_PORT.exec(candidate)?.[1] ?? candidate;
  // A zone id ("%eth0") only means something on the server's own link.
  if (candidate.includes(":")) candidate = candidate.replace(/%[^%]*$/, "");
  const version = isIP(candidate);
  if (version === 4) return candidate;
  if (version !== 6) return undefined;
  // WHATWG URL serialises IPv6 hosts in the RFC 5952 form: lower case, zeros compressed, and
  // "::ffff:1.2.3.4" spelled as hex, which is turned back into the IPv4 address it stands for.
  const canonical = new URL(`http://[${candidate}]/`).hostname.slice(1, -1);
  const mapped = MAPPED_HEX.exec(canonical);
  if (!mapped) return canonical;
  const high = Number.parseInt(mapped[1]!, 16);
  const low = Number.parseInt(mapped[2]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/**
 * The address part of CloudFront-Viewer-Address ("198.51.100.10:46532", IPv6 as
 * "2001:db8::1:46532", bracketed or not). CloudFront always appends the port, so an unbracketed
 * value is split at its last colon.
 */
export function addressWithoutPort(value: string | undefined | null): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  if (trimmed.startsWith("[")) return normaliseIp(trimmed);
  const colon = trimmed.lastIndexOf(":");
  if (colon <= 0 || !/^\d{1,5}$/.test(trimmed.slice(colon + 1))) return undefined;
  return normaliseIp(trimmed.slice(0, colon));
}
