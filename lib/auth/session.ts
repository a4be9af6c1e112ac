import "server-only";
import { getToken } from "next-auth/jwt";
import { headers } from "next/headers";
import { after } from "next/server";
import { cache } from "react";
import { getSignedIn, type SignedIn, TOUCH_INTERVAL_MS, touchSession } from "@/lib/db/sessions";
import { env } from "@/lib/env";
import { requestContext } from "./request-context";

// Auth.js's cookie names: the __Secure- one is set over HTTPS. The name is also the JWT's salt.
const SECURE_COOKIE = "__Secure-authjs.session-token";
const COOKIE = "authjs.session-token";

/** Who the cookie says is signed in, and with which session; nothing is checked yet. */
async function tokenClaims(h: Headers): Promise<{ userId: string; sessionSecret: string } | null> {
  const secure = (h.get("cookie") ?? "").includes(`${SECURE_COOKIE}`);
  const token = await getToken({ req: { headers: h }, secret: env().AUTH_SECRET, secureCookie: secure, cookieName: secure ? SECURE_COOKIE : COOKIE });
  const userId = token?.sub;
  const sessionSecret = token?.sid;
  // Tokens issued before sessions existed name no session: they count as signed out.
  if (typeof userId !== "string" || typeof sessionSecret !== "string" || !userId || !sessionSecret) return null;
  return { userId, sessionSecret };
}

/**
 * The signed-in user and their session as DynamoDB has them now, read once per request
 * (React's cache dedupes it) in one round trip. A missing, expired or revoked session, or a
 * deactivated user, is signed out on this very request. "Last seen" is stamped after the
 * response, at most once a minute.
 */
export const getCurrentSession = cache(async (): Promise<SignedIn | null> => {
  const h = await headers();
  const claims = await tokenClaims(h);
  if (!claims) return null;
  const signedIn = await getSignedIn(claims.userId, claims.sessionSecret);
  if (signedIn && Date.now() - Date.parse(signedIn.session.lastSeenAt) >= TOUCH_INTERVAL_MS) {
    const ctx = await requestContext();
    after(() => touchSession(signedIn.session, ctx).catch((error) => console.warn("session last-seen not stamped", error)));
  }
  return signedIn;
});
