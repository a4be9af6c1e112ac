import { describe, expect, it } from "vitest";
import { presignGet, presignPut } from "./presign";

// The local S3 the app develops and tests against refuses presigned requests exactly where S3
// does (scripts/strict-s3.ts); these go through the real signer and a real HTTP round trip.
const body = Buffer.from("hello, presigned world");

async function put(url: string, init: { type?: string; data?: Buffer } = {}) {
  return fetch(url, { method: "PUT", headers: { "Content-Type": init.type ?? "text/plain" }, body: new Uint8Array(init.data ?? body) });
}

describe("strict local S3", () => {
  const key = () => `users/test/uploads/temp/${crypto.randomUUID()}.tmp`;

  it("accepts the exact signed PUT and serves it back through a presigned GET", async () => {
    const k = key();
    const response = await put(await presignPut(k, "text/plain", body.length));
    expect(response.status).toBe(200);
    const download = await fetch(await presignGet(k, { filename: "hello.txt", inline: false, contentType: "text/plain" }));
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toContain("attachment");
    expect(await download.text()).toBe("hello, presigned world");
  });

  it("refuses more bytes than were signed", async () => {
    const response = await put(await presignPut(key(), "text/plain", body.length), { data: Buffer.alloc(body.length + 10) });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("SignatureDoesNotMatch");
  });

  it("refuses a different Content-Type than was signed", async () => {
    const response = await put(await presignPut(key(), "text/plain", body.length), { type: "text/html" });
    expect(response.status).toBe(403);
  });

  it("refuses a tampered signature or key", async () => {
    const url = new URL(await presignPut(key(), "text/plain", body.length));
    const sig = url.searchParams.get("X-Amz-Signature")!;
    url.searchParams.set("X-Amz-Signature", `${sig.slice(0, -1)}${sig.endsWith("0") ? "1" : "0"}`);
    expect((await put(url.toString())).status).toBe(403);
    const moved = (await presignPut(key(), "text/plain", body.length)).replace("/users/test/", "/users/other/");
    expect((await put(moved)).status).toBe(403);
  });

  it("refuses a URL after it expired", async () => {
    const url = await presignPut(key(), "text/plain", body.length, 1);
    await new Promise((r) => setTimeout(r, 2100));
    const response = await put(url);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("Request has expired");
  });
});
