import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustProxy, publicOrigin, type RequestFacts, servedOverHttps, type TrustProxy } from "./proxy-trust";

// Every header a client could send to pretend to be someone else, all at once.
const FORGED: Record<string, string> = {
  "x-forwarded-for": "203.0.113.9",
  "x-real-ip": "203.0.113.10",
  "x-vercel-forwarded-for": "203.0.113.11",
  "cloudfront-viewer-address": "203.0.113.12:443",
  "x-forwarded-proto": "https",
  "cloudfront-forwarded-proto": "https",
  "x-forwarded-host": "evil.example",
  host: "app.example.com",
};

const facts = (trust: TrustProxy, headers: Record<string, string>, connection?: RequestFacts["connection"]): RequestFacts => ({
  headers: new Headers(headers),
  connection,
  trust,
});
const SOCKET = { remoteAddress: "::ffff:127.0.0.1", encrypted: false };

describe("parseTrustProxy", () => {
  it("accepts none, vercel, cloudfront and 1 to 20 hops", () => {
    expect(parseTrustProxy("")).toBe("none");
    expect(parseTrustProxy("none")).toBe("none");
    expect(parseTrustProxy(" Vercel ")).toBe("vercel");
    expect(parseTrustProxy("CLOUDFRONT")).toBe("cloudfront");
    expect(parseTrustProxy("1")).toEqual({ hops: 1 });
    expect(parseTrustProxy("20")).toEqual({ hops: 20 });
  });

  it.each(["0", "21", "-1", "1.5", "true", "all", "loopback", "127.0.0.1", "01x", "999"])("rejects %j", (value) => {
    expect(parseTrustProxy(value)).toBeUndefined();
  });
});

describe("clientAddress", () => {
  it("under none uses only the connection, whatever the headers say", () => {
    expect(clientAddress(facts("none", FORGED, SOCKET))).toBe("127.0.0.1");
    expect(clientAddress(facts("none", FORGED, { remoteAddress: "2001:DB8::7", encrypted: false }))).toBe("2001:db8::7");
  });

  it("under none without connection facts (plain next start) knows no address", () => {
    expect(clientAddress(facts("none", FORGED))).toBeUndefined();
    expect(clientAddress(facts("none", FORGED, { encrypted: false }))).toBeUndefined();
  });

  it("under vercel reads x-real-ip, then x-vercel-forwarded-for, never x-forwarded-for", () => {
    expect(clientAddress(facts("vercel", FORGED, SOCKET))).toBe("203.0.113.10");
    expect(clientAddress(facts("vercel", { "x-vercel-forwarded-for": "198.51.100.4, 10.0.0.1", "x-forwarded-for": "203.0.113.9" }))).toBe("198.51.100.4");
    expect(clientAddress(facts("vercel", { "x-forwarded-for": "203.0.113.9" }, SOCKET))).toBeUndefined();
    expect(clientAddress(facts("vercel", { "x-real-ip": "garbage" }))).toBeUndefined();
  });

  it("under cloudfront reads CloudFront-Viewer-Address only", () => {
    expect(clientAddress(facts("cloudfront", FORGED, SOCKET))).toBe("203.0.113.12");
    expect(clientAddress(facts("cloudfront", { "cloudfront-viewer-address": "[2001:db8::5]:1234" }))).toBe("2001:db8::5");
    expect(clientAddress(facts("cloudfront", { "x-forwarded-for": "203.0.113.9", "x-real-ip": "203.0.113.10" }, SOCKET))).toBeUndefined();
  });

  it("with N hops takes the N-th X-Forwarded-For entry from the right", () => {
    const chain = { "x-forwarded-for": "203.0.113.9, 198.51.100.20 ,10.0.0.2" };
    expect(clientAddress(facts({ hops: 1 }, chain, SOCKET))).toBe("10.0.0.2");
    expect(clientAddress(facts({ hops: 2 }, chain, SOCKET))).toBe("198.51.100.20");
    expect(clientAddress(facts({ hops: 3 }, chain, SOCKET))).toBe("203.0.113.9");
  });

  it("with N hops ignores what the client prepended, however much", () => {
    const forgedChain = { "x-forwarded-for": "1.1.1.1, 2.2.2.2, 3.3.3.3, 198.51.100.20" };
    expect(clientAddress(facts({ hops: 1 }, forgedChain))).toBe("198.51.100.20");
  });

  it("with N hops counts repeated headers as one list", () => {
    const headers = new Headers();
    headers.append("x-forwarded-for", "203.0.113.9");
    headers.append("x-forwarded-for", "198.51.100.20");
    expect(clientAddress({ headers, connection: undefined, trust: { hops: 1 } })).toBe("198.51.100.20");
    expect(clientAddress({ headers, connection: undefined, trust: { hops: 2 } })).toBe("203.0.113.9");
  });

  it("with N hops knows no address when the chain is shorter than N, absent or garbage there", () => {
    expect(clientAddress(facts({ hops: 2 }, { "x-forwarded-for": "198.51.100.20" }))).toBeUndefined();
    expect(clientAddress(facts({ hops: 1 }, {}))).toBeUndefined();
    expect(clientAddress(facts({ hops: 1 }, { "x-forwarded-for": "203.0.113.9, not-an-ip" }))).toBeUndefined();
    expect(clientAddress(facts({ hops: 1 }, { "x-forwarded-for": "203.0.113.9," }))).toBeUndefined();
    expect(clientAddress(facts({ hops: 1 }, { "x-forwarded-for": "[::ffff:198.51.100.20]:443" }))).toBe("198.51.100.20");
  });
});

describe("servedOverHttps", () => {
  it("under none believes only the connection's TLS flag", () => {
    expect(servedOverHttps(facts("none", FORGED, SOCKET))).toBe(false);
    expect(servedOverHttps(facts("none", { "x-forwarded-proto": "http" }, { encrypted: true }))).toBe(true);
    expect(servedOverHttps(facts("none", FORGED))).toBe(false);
  });

  it("behind a trusted proxy believes its X-Forwarded-Proto (the right-most value)", () => {
    expect(servedOverHttps(facts("vercel", { "x-forwarded-proto": "https" }))).toBe(true);
    expect(servedOverHttps(facts({ hops: 1 }, { "x-forwarded-proto": "https, http" }))).toBe(false);
    expect(servedOverHttps(facts({ hops: 1 }, { "x-forwarded-proto": "http, HTTPS" }))).toBe(true);
    expect(servedOverHttps(facts("vercel", {}, { encrypted: true }))).toBe(false);
  });

  it("under cloudfront prefers CloudFront-Forwarded-Proto", () => {
    expect(servedOverHttps(facts("cloudfront", { "cloudfront-forwarded-proto": "https", "x-forwarded-proto": "http" }))).toBe(true);
    expect(servedOverHttps(facts("cloudfront", { "x-forwarded-proto": "https" }))).toBe(true);
  });
});

describe("publicOrigin", () => {
  it("under none uses Host and the connection's scheme", () => {
    expect(publicOrigin(facts("none", FORGED, { encrypted: true }))).toBe("https://app.example.com");
    expect(publicOrigin(facts("none", FORGED, SOCKET))).toBe("http://app.example.com");
  });

  it("behind a trusted proxy uses its X-Forwarded-Host", () => {
    expect(publicOrigin(facts("vercel", { host: "internal:3000", "x-forwarded-host": "App.Example.com", "x-forwarded-proto": "https" }))).toBe("https://app.example.com");
    expect(publicOrigin(facts({ hops: 1 }, { host: "internal:3000" }))).toBe("http://internal:3000");
  });

  it("refuses hosts that are not host names", () => {
    for (const host of ["evil.example/path", "evil.example@app", "a b", "", "évil.example", "evil.example:port"]) {
      expect(publicOrigin(facts("none", { host }, SOCKET))).toBeUndefined();
    }
  });
});
