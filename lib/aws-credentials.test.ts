import type { Pluggable } from "@smithy/types";
import { afterEach, describe, expect, it } from "vitest";
import { appCredentials } from "./aws-credentials";
import { resetEnvForTests } from "./env";

// On Vercel the app assumes its role with the OIDC token of the request. Vercel's runtime hands
// the token to the function in a request context (the x-vercel-oidc-token header); the test puts
// one there, and middleware on the provider's real STS client answers AssumeRoleWithWebIdentity.

const REQUEST_CONTEXT = Symbol.for("@vercel/request-context");
const ROLE = "arn:aws:iam::123456789012:role/Prework-AppRole";
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const token = `${base64url({ alg: "RS256" })}.${base64url({ sub: "owner:acme:project:prework:environment:production", exp: Math.floor(Date.now() / 1000) + 3600 })}.signature`;

function setEnv(values: Record<string, string | undefined>) {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvForTests();
}

function answeringSts(seen: Record<string, unknown>[]): Pluggable<object, object> {
  return {
    applyToStack(stack) {
      stack.add(
        (_next, context) => async (args) => {
          seen.push({ command: context.commandName, ...(args.input as object) });
          const Credentials = { AccessKeyId: "ASIAEXAMPLE", SecretAccessKey: "secret", SessionToken: "session", Expiration: new Date(Date.now() + 3600_000) };
          return { output: { $metadata: {}, Credentials }, response: {} } as never;
        },
        { step: "initialize", name: "answer-sts" },
      );
    },
  };
}

describe("the app's AWS credentials", () => {
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[REQUEST_CONTEXT];
    setEnv({ VERCEL: undefined, AWS_ROLE_ARN: undefined });
  });

  it("are the SDK's default chain off Vercel, or on Vercel without a role", () => {
    setEnv({ AUTH_SECRET: "a".repeat(40), AWS_ROLE_ARN: ROLE, VERCEL: undefined });
    expect(appCredentials()).toBeUndefined();
    setEnv({ AWS_ROLE_ARN: undefined, VERCEL: "1" });
    expect(appCredentials()).toBeUndefined();
  });

  it("on Vercel, assume AWS_ROLE_ARN with the request's OIDC token", async () => {
    setEnv({ AUTH_SECRET: "a".repeat(40), AWS_ROLE_ARN: ROLE, VERCEL: "1", AWS_REGION: "eu-west-1" });
    (globalThis as Record<symbol, unknown>)[REQUEST_CONTEXT] = { get: () => ({ headers: { "x-vercel-oidc-token": token } }) };
    const seen: Record<string, unknown>[] = [];

    const credentials = await appCredentials({ stsPlugins: [answeringSts(seen)] })!();

    expect(credentials).toMatchObject({ accessKeyId: "ASIAEXAMPLE", secretAccessKey: "secret", sessionToken: "session" });
    expect(seen).toEqual([expect.objectContaining({ command: "AssumeRoleWithWebIdentityCommand", RoleArn: ROLE, WebIdentityToken: token, RoleSessionName: "prework-app" })]);
  });
});
