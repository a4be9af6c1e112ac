// Response headers that depend on how the request arrived. The fixed ones (nosniff, frame and
// referrer policy) are in next.config.js; the CSP with its nonce is built in proxy.ts.

export const HSTS_MAX_AGE_SECONDS = 63_072_000; // two years, as hstspreload.org asks

/**
 * Strict-Transport-Security only on HTTPS responses: browsers ignore it over plain HTTP, and
 * sending it from a local http://localhost would pin every other app on that host to HTTPS.
 * Preloading is opt-in (HSTS_PRELOAD) because it is hard to undo.
 */
export function securityHeadersFor({ https, preload = false }: { https: boolean; preload?: boolean }): Record<string, string> {
  if (!https) return {};
  return { "Strict-Transport-Security": `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains${preload ? "; preload" : ""}` };
}
