import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { signInSchema } from "@/lib/validation/users";
import { contextFromHeaders, secureCookies } from "./request-context";
import { verifySignIn } from "./sign-in";

/** Codes travel in the sign-in URL, so they say nothing about whether the email exists. */
class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}
class TooManyAttempts extends CredentialsSignin {
  code = "throttled";
}

// A function, so configuration is read on the first request rather than at build time.
async function config(): Promise<NextAuthConfig> {
  return {
    secret: env().AUTH_SECRET,
    // Per request, by TRUST_PROXY's rules (next-auth's default believes x-forwarded-proto).
    useSecureCookies: await secureCookies(),
    // The app is served behind the host's proxy (Vercel, Amplify) or next start locally.
    trustHost: true,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60, updateAge: 60 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(credentials, request) {
          const parsed = signInSchema.safeParse(credentials);
          if (!parsed.success) throw new InvalidCredentials();
          const result = await verifySignIn(parsed.data.email, parsed.data.password, contextFromHeaders(request.headers));
          if (!result.ok) throw result.reason === "throttled" ? new TooManyAttempts() : new InvalidCredentials();
          return { id: result.user.id, email: result.user.email, name: result.user.name };
        },
      }),
    ],
    callbacks: {
      // The token carries only who signed in; role and status are read from DynamoDB on every
      // request (lib/auth/current-user.ts), so a change takes effect at once.
      jwt({ token, user }) {
        if (user?.id) token.sub = user.id;
        return { sub: token.sub, iat: token.iat, exp: token.exp, jti: token.jti };
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(config);
