// IP addresses as people compare them: an IPv4 client seen through an IPv6 socket
// (::ffff:192.0.2.1) reads as 192.0.2.1, and IPv6 is written the one way RFC 5952 says
// (lower case, no leading zeros, the longest run of two or more zero groups as "::", the
// first such run on a tie). Anything else is returned as it came (the UI renders it as text).

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const GROUP = /^[0-9a-f]{1,4}$/i;

/** The eight 16-bit groups of an IPv6 address, or null when it is not one. */
function ipv6Groups(text: string): number[] | null {
  let body = text;
  let embedded: [number, number] | null = null;
  // An embedded IPv4 address (::ffff:1.2.3.4, 64:ff9b::1.2.3.4) stands for the last two groups.
  const lastColon = body.lastIndexOf(":");
  const last = body.slice(lastColon + 1);
  if (last.includes(".")) {
    if (!IPV4.test(last)) return null;
    const [a, b, c, d] = last.split(".").map(Number) as [number, number, number, number];
    embedded = [(a << 8) | b, (c << 8) | d];
    body = `${body.slice(0, lastColon + 1)}0:0`;
  }
  const halves = body.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === "" ? [] : part.split(":"));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  if (![...head, ...rest].every((g) => GROUP.test(g))) return null;
  const given = head.length + rest.length;
  if (halves.length === 2 ? given > 7 : given !== 8) return null;
  const zeros = Array.from({ length: 8 - given }, () => 0);
  const groups = [...head, ...zeros.map(String), ...rest].map((g) => parseInt(g, 16));
  if (embedded) groups.splice(6, 2, ...embedded);
  return groups;
}

function ipv6Text(groups: number[]): string {
  // The longest run of at least two zero groups; the first one when runs tie.
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.length < 2) return hex.join(":");
  return `${hex.slice(0, best.start).join(":")}::${hex.slice(best.start + best.length).join(":")}`;
}

export function normaliseIpAddress(raw: string): string {
  const text = raw.trim();
  if (IPV4.test(text)) return text;
  if (!text.includes(":")) return raw;
  // A zone (fe80::1%eth0) is kept as written after the address.
  const zoneAt = text.indexOf("%");
  const address = zoneAt === -1 ? text : text.slice(0, zoneAt);
  const zone = zoneAt === -1 ? "" : text.slice(zoneAt);
  const groups = ipv6Groups(address);
  if (!groups) return raw;
  // IPv4-mapped (::ffff:0:0/96): the IPv4 client it is.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff && !zone) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join(".");
  }
  return ipv6Text(groups) + zone;
}
