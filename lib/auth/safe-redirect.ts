// Where a person may be sent after signing in. The value arrives from the query string (anyone
// can craft a link), so it is accepted only if it stays on this app's origin however a browser
// parses it, and what is returned is always a path rebuilt by the WHATWG URL parser, never the
// original text.

const MAX_LENGTH = 2048;
// Printable ASCII without space: the URL parser percent-encodes everything else in paths we
// generate ourselves, and browsers silently drop tabs and newlines, which hides "//".
const PRINTABLE = /^[\x21-\x7e]+$/;

/** Percent-decodes until stable (at most three rounds); undefined when malformed. */
function fullyDecoded(value: string): string | undefined {
  let current = value;
  for (let round = 0; round < 3; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return undefined;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

/** A path that a later decode, or a lenient parser, could read as another host. */
function looksLikeAnotherHost(path: string): boolean {
  return /^[/\\]{2}/.test(path) || /[\\\x00-\x1f\x7f]/.test(path);
}

function isSignInPage(pathname: string): boolean {
  return pathname === "/sign-in" || pathname.startsWith("/sign-in/");
}

/**
 * The same-origin path (pathname + search + hash) that `value` names, or "/" when it names
 * another origin, another scheme, the sign-in page itself, or anything ambiguous.
 */
export function safeReturnPath(value: unknown, origin: string): string {
  if (typeof value !== "string" || value.length > MAX_LENGTH || !PRINTABLE.test(value) || value.includes("\\")) return "/";
  // Only a rooted path or an absolute http(s) URL: "https:evil" style scheme-relative forms
  // resolve differently depending on the base's scheme.
  const rooted = value.startsWith("/") && !value.startsWith("//");
  if (!rooted && !/^https?:\/\//i.test(value)) return "/";
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(value, base);
  } catch {
    return "/";
  }
  if (url.origin !== base.origin || url.username || url.password) return "/";
  const decoded = fullyDecoded(url.pathname);
  // "/.//evil" and "/a/..//evil" normalise to "//evil": on the same origin here, but another
  // host once it is a Location header.
  if (decoded === undefined || looksLikeAnotherHost(url.pathname) || looksLikeAnotherHost(decoded)) return "/";
  if (isSignInPage(url.pathname) || isSignInPage(decoded)) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.length > MAX_LENGTH ? "/" : path;
}
