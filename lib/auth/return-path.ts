// Deep links that survive sign-in: proxy.ts records the path each request asked for in a request
// header (always overwritten, so a client cannot choose it), and requireUser() sends signed-out
// visitors to /sign-in with that path as callbackUrl.
import { safeReturnPath } from "./safe-redirect";

export const RETURN_PATH_HEADER = "x-prework-path";

/** What proxy.ts records: the page's path and query, without Next's internal RSC marker. */
export function returnPathOf(url: URL): string {
  const params = new URLSearchParams(url.search);
  params.delete("_rsc");
  const search = params.toString();
  return `${url.pathname}${search ? `?${search}` : ""}`;
}

/**
 * The sign-in URL for a signed-out request. The header is missing when the proxy did not run
 * (its matcher skips prefetches) and then anyone could have sent it, so it is checked again.
 */
export function signInPathFor(headers: Headers): string {
  // Any fixed origin works: only rooted paths are accepted from the header.
  const path = safeReturnPath(headers.get(RETURN_PATH_HEADER), "http://app.invalid");
  return path === "/" ? "/sign-in" : `/sign-in?callbackUrl=${encodeURIComponent(path)}`;
}
