import { type NextRequest, NextResponse } from "next/server";
import { RETURN_PATH_HEADER, returnPathOf } from "@/lib/auth/return-path";
import { env } from "@/lib/env";
import { currentConnection } from "@/lib/http/connection";
import { servedOverHttps } from "@/lib/http/proxy-trust";
import { securityHeadersFor } from "@/lib/http/security-headers";

// Sets a per-request nonce Content-Security-Policy (Next applies the nonce to its own scripts
// when it finds it in the request's CSP header). Authorization is not decided here: every page
// and server action checks the current user itself.
function contentSecurityPolicy(nonce: string): string {
  const { NODE_ENV, S3_ENDPOINT } = env();
  const dev = NODE_ENV === "development";
  const storage = S3_ENDPOINT ? ` ${S3_ENDPOINT}` : " https://*.amazonaws.com";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' blob: data:${storage}`,
    "font-src 'self'",
    `connect-src 'self'${storage}${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  // Overwrites whatever the client sent under this name (lib/auth/return-path.ts).
  requestHeaders.set(RETURN_PATH_HEADER, returnPathOf(request.nextUrl));
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  const https = servedOverHttps({ headers: request.headers, connection: currentConnection(), trust: env().TRUST_PROXY });
  for (const [name, value] of Object.entries(securityHeadersFor({ https, preload: env().HSTS_PRELOAD }))) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico|icon.svg).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
