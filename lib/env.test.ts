import { afterEach, describe, expect, it } from "vitest";
import { env, EnvError, resetEnvForTests } from "./env";

const saved = { ...process.env };
const withEnv = (values: Record<string, string | undefined>) => {
  process.env = { ...saved, AUTH_SECRET: "unit-test-secret-0123456789abcdef0123", ...values };
  resetEnvForTests();
  return env;
};

afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
});

describe("env: proxy trust and public URL", () => {
  it("defaults TRUST_PROXY to none and HSTS preload to off", () => {
    expect(withEnv({ TRUST_PROXY: undefined, HSTS_PRELOAD: undefined })()).toMatchObject({ TRUST_PROXY: "none", HSTS_PRELOAD: false });
  });

  it("parses vercel, cloudfront and a hop count", () => {
    expect(withEnv({ TRUST_PROXY: "vercel" })().TRUST_PROXY).toBe("vercel");
    expect(withEnv({ TRUST_PROXY: "cloudfront" })().TRUST_PROXY).toBe("cloudfront");
    expect(withEnv({ TRUST_PROXY: "2" })().TRUST_PROXY).toEqual({ hops: 2 });
  });

  it("names TRUST_PROXY and the accepted forms when it is wrong", () => {
    expect(withEnv({ TRUST_PROXY: "true" })).toThrow(EnvError);
    expect(withEnv({ TRUST_PROXY: "0" })).toThrow(/TRUST_PROXY: must be "none", "vercel", "cloudfront" or a number of proxy hops from 1 to 20 \(got "0"\)/);
  });

  it("accepts only an http(s) AUTH_URL", () => {
    expect(withEnv({ AUTH_URL: "https://admin.example.com" })().AUTH_URL).toBe("https://admin.example.com");
    expect(withEnv({ AUTH_URL: "" })().AUTH_URL).toBeUndefined();
    expect(withEnv({ AUTH_URL: "javascript:alert(1)" })).toThrow(/AUTH_URL/);
  });
});

describe("env: two-factor settings", () => {
  it("takes a domain as the passkeys' relying-party id, never an IP address, and JIT accounts off by default", () => {
    expect(withEnv({ WEBAUTHN_RP_ID: undefined, WEBAUTHN_ORIGIN: undefined })()).toMatchObject({ WEBAUTHN_RP_ID: undefined, WEBAUTHN_ORIGIN: undefined, WEBAUTHN_RP_NAME: "Pre-Work" });
    expect(withEnv({ WEBAUTHN_RP_ID: "Example.COM" })().WEBAUTHN_RP_ID).toBe("example.com");
    expect(withEnv({ WEBAUTHN_RP_ID: "localhost" })().WEBAUTHN_RP_ID).toBe("localhost");
    for (const bad of ["127.0.0.1", "https://example.com", "exa mple.com", "[::1]"]) expect(withEnv({ WEBAUTHN_RP_ID: bad }), bad).toThrow(/WEBAUTHN_RP_ID/);
    expect(withEnv({ WEBAUTHN_ORIGIN: "not a url" })).toThrow(/WEBAUTHN_ORIGIN/);
    expect(withEnv({ SSO_JIT_CREATE: undefined })().SSO_JIT_CREATE).toBe(false);
    expect(withEnv({ SSO_JIT_CREATE: "true" })().SSO_JIT_CREATE).toBe(true);
    expect(withEnv({ SSO_JIT_CREATE: "yes" })).toThrow(/SSO_JIT_CREATE/);
  });

  it("reads MFA_REQUIRED_ROLES as a list of known roles, empty by default", () => {
    expect(withEnv({ MFA_REQUIRED_ROLES: undefined })().MFA_REQUIRED_ROLES).toEqual([]);
    expect(withEnv({ MFA_REQUIRED_ROLES: " admin, manager ,admin" })().MFA_REQUIRED_ROLES).toEqual(["admin", "manager"]);
    expect(withEnv({ MFA_REQUIRED_ROLES: "admin,root" })).toThrow(/MFA_REQUIRED_ROLES: must list roles from admin, manager, user, comma-separated \(got "root"\)/);
  });

  it("takes MFA keys only as 32 bytes of base64", () => {
    const key = Buffer.alloc(32, 7).toString("base64");
    expect(withEnv({ MFA_ENCRYPTION_KEY: key, MFA_PREVIOUS_ENCRYPTION_KEYS: `${key}, ${key}` })()).toMatchObject({ MFA_ENCRYPTION_KEY: key, MFA_PREVIOUS_ENCRYPTION_KEYS: [key, key] });
    expect(withEnv({ MFA_ENCRYPTION_KEY: Buffer.alloc(16).toString("base64") })).toThrow(/MFA_ENCRYPTION_KEY/);
    expect(withEnv({ MFA_PREVIOUS_ENCRYPTION_KEYS: "not-a-key" })).toThrow(/MFA_PREVIOUS_ENCRYPTION_KEYS/);
  });
});

describe("env: single sign-on", () => {
  const okta = { id: "okta", name: "Okta", issuer: "https://example.okta.com", clientId: "c", clientSecret: "s" };

  it("reads SSO_PROVIDERS as a JSON array, none by default", () => {
    expect(withEnv({ SSO_PROVIDERS: undefined })().SSO_PROVIDERS).toEqual([]);
    expect(withEnv({ SSO_PROVIDERS: JSON.stringify([okta]) })().SSO_PROVIDERS).toEqual([{ ...okta, trustEmail: false }]);
  });

  it("refuses malformed JSON, duplicate or non-slug ids, unknown fields, without echoing the secret", () => {
    expect(withEnv({ SSO_PROVIDERS: "[{" })).toThrow(/SSO_PROVIDERS: must be a JSON array/);
    expect(withEnv({ SSO_PROVIDERS: JSON.stringify([okta, okta]) })).toThrow(/unique/);
    expect(withEnv({ SSO_PROVIDERS: JSON.stringify([{ ...okta, id: "Okta!" }]) })).toThrow(/slug/);
    expect(withEnv({ SSO_PROVIDERS: JSON.stringify([{ ...okta, id: "credentials" }]) })).toThrow(/reserved/);
    expect(withEnv({ SSO_PROVIDERS: JSON.stringify([{ ...okta, clientSecret: 42, extra: "x" }]) })).toThrow(/^(?![\s\S]*42)[\s\S]*SSO_PROVIDERS/);
  });

  it("allows an http issuer only on this machine, and in production only when asked for", () => {
    const local = JSON.stringify([{ ...okta, issuer: "http://127.0.0.1:4000" }]);
    expect(withEnv({ SSO_PROVIDERS: local, NODE_ENV: "test" })().SSO_PROVIDERS).toHaveLength(1);
    expect(withEnv({ SSO_PROVIDERS: local, NODE_ENV: "production" })).toThrow(/SSO_PROVIDERS: every issuer must be https/);
    expect(withEnv({ SSO_PROVIDERS: local, NODE_ENV: "production", SSO_ALLOW_INSECURE_ISSUER: "true" })().SSO_PROVIDERS).toHaveLength(1);
    expect(withEnv({ SSO_PROVIDERS: JSON.stringify([{ ...okta, issuer: "http://idp.example.com" }]), NODE_ENV: "test" })).toThrow(/https/);
  });
});
