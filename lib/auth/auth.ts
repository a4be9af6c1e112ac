import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { signInSchema } from "@/lib/validation/users";
import { passkeySignInSchema } from "@/lib/validation/passkeys";
import { relyingPartyFor } from "./passkeys";
import { contextFromHeaders, requestContext, requestOrigin, secureCookies } from "./request-context";
import { verifySsoSignIn } from "./sso";
import { secondFactorSignInSchema } from "@/lib/validation/mfa";
import { type SecondFactorMethods, verifyPasskeySecondFactor, verifyPasskeySignIn, verifySecondFactor, verifySignIn } from "./sign-in";

/** Codes travel in the sign-in URL, so they say nothing about whether the email exists. */
class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}
class TooManyAttempts extends CredentialsSignin {
  code = "throttled";
}
/** DynamoDB (or anything else the check needs) did not answer: not the person's fault. */
class ServiceUnavailable extends CredentialsSignin {
  code = "unavailable";
}
/** The second step's challenge is unknown, spent or too old: sign in from the start. */
class ChallengeExpired extends CredentialsSignin {
  code = "expired";
}
/**
 * The password was right and the account has a second factor: no session yet. The sign-in
 * action (the only caller, in-process) reads the challenge from the error; it never goes into
 * a URL, and the Auth.js HTTP endpoint is not how this app signs in.
 */
export class SecondFactorRequired extends CredentialsSignin {
  code = "second_factor";
  constructor(
    readonly challenge: string,
    readonly methods: SecondFactorMethods,
  ) {
    super();
  }
}

type Verified =
  | { ok: true; user: { id: string; email: string; name: string }; sessionSecret: string }
  | { ok: false; reason: string; challenge?: string; methods?: SecondFactorMethods };

/**
 * A sign-in, by what was sent: a passkey's assertion (alone, or with a challenge as the second
 * step), a challenge and a code, or an email and password.
 */
async function verify(credentials: Partial<Record<string, unknown>>, ctx: ReturnType<typeof contextFromHeaders>): Promise<Verified> {
  if (credentials.passkey !== undefined) {
    const parsed = passkeySignInSchema.safeParse({ response: credentials.passkey, challenge: credentials.challenge });
    if (!parsed.success) throw new InvalidCredentials();
    const rp = relyingPartyFor(await requestOrigin());
    const { response, challenge } = parsed.data;
    return challenge ? verifyPasskeySecondFactor(challenge, response, rp, ctx) : verifyPasskeySignIn(response, rp, ctx);
  }
  if (credentials.challenge !== undefined) {
    const parsed = secondFactorSignInSchema.safeParse(credentials);
    if (!parsed.success) throw new InvalidCredentials();
    const { challenge, ...factor } = parsed.data;
    return verifySecondFactor(challenge, factor, ctx);
  }
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) throw new InvalidCredentials();
  return verifySignIn(parsed.data.email, parsed.data.password, ctx);
}

function refusal(result: Extract<Verified, { ok: false }>): CredentialsSignin {
  if (result.reason === "second_factor" && result.challenge && result.methods) return new SecondFactorRequired(result.challenge, result.methods);
  if (result.reason === "throttled") return new TooManyAttempts();
  if (result.reason === "expired") return new ChallengeExpired();
  return new InvalidCredentials();
}

declare module "next-auth" {
  interface User {
    /** Names the server-side session (lib/db/sessions.ts); travels only inside the encrypted token. */
    sessionSecret?: string;
  }
}

/** Where a refused SSO sign-in lands: a fixed code per reason, never text from the IdP. */
const ssoRefusedPath = (reason: string) => `/sign-in?error=sso_${reason}`;

// A function, so configuration is read on the first request rather than at build time.
async function config(): Promise<NextAuthConfig> {
  return {
    secret: env().AUTH_SECRET,
    // Per request, by TRUST_PROXY's rules (next-auth's default believes x-forwarded-proto).
    useSecureCookies: await secureCookies(),
    // The app is served behind the host's proxy (Vercel, Amplify) or next start locally.
    trustHost: true,
    // The token is a handle, not the truth: lib/auth/session.ts checks the session it names in
    // DynamoDB on every request, so its lifetime is only the outer bound of the session's.
    session: { strategy: "jwt", maxAge: env().SESSION_MAX_AGE_DAYS * 86_400 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      Credentials({
        credentials: { email: {}, password: {}, challenge: {}, method: {}, code: {}, passkey: {} },
        async authorize(credentials, request) {
          let result: Verified;
          try {
            result = await verify(credentials, contextFromHeaders(request.headers));
          } catch (error) {
            if (error instanceof CredentialsSignin) throw error;
            console.error("sign-in check failed", error);
            throw new ServiceUnavailable();
          }
          if (!result.ok) throw refusal(result);
          return { id: result.user.id, email: result.user.email, name: result.user.name, sessionSecret: result.sessionSecret };
        },
      }),
      // OIDC discovery from the issuer; PKCE, state and nonce all checked on the way back.
      ...env().SSO_PROVIDERS.map((p) => ({
        id: p.id,
        name: p.name,
        type: "oidc" as const,
        issuer: p.issuer,
        clientId: p.clientId,
        clientSecret: p.clientSecret,
        checks: ["pkce" as const, "state" as const, "nonce" as const],
      })),
    ],
    callbacks: {
      // Credentials sign-ins were decided in authorize(); an OIDC sign-in is decided here, and
      // its session created, before next-auth writes the cookie. `user` is the object the jwt
      // callback receives next (there is no adapter), so the session's secret rides on it.
      async signIn({ user, account, profile }) {
        if (account?.type !== "oidc") return true;
        const provider = env().SSO_PROVIDERS.find((p) => p.id === account.provider);
        if (!provider || !profile) return ssoRefusedPath("unavailable");
        try {
          const result = await verifySsoSignIn(provider, profile, await requestContext());
          if (!result.ok) return ssoRefusedPath(result.reason);
          user.id = result.user.id;
          user.email = result.user.email;
          user.name = result.user.name;
          user.sessionSecret = result.sessionSecret;
          return true;
        } catch (error) {
          console.error("SSO sign-in check failed", error);
          return ssoRefusedPath("unavailable");
        }
      },
      // The token carries only who signed in and which session; the session, role and status
      // are read from DynamoDB on every request (lib/auth/session.ts), so a change or a
      // revocation takes effect at once.
      jwt({ token, user }) {
        if (user?.id) token.sub = user.id;
        if (user?.sessionSecret) token.sid = user.sessionSecret;
        return { sub: token.sub, sid: token.sid, iat: token.iat, exp: token.exp, jti: token.jti };
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(config);
