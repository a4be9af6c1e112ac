import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { presignPut } from "./presign";

// Pure signing: no request is made, so no S3 needs to run.
beforeAll(() => {
  Object.assign(process.env, { AUTH_SECRET: "unit-test-secret-0123456789abcdefghijkl", AWS_REGION: "us-east-1", S3_BUCKET: "prework-unit", AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret" });
  delete process.env.S3_ENDPOINT;
  delete process.env.DYNAMODB_ENDPOINT;
  resetEnvForTests();
});
afterAll(() => resetEnvForTests());

describe("presignPut", () => {
  it("signs content-length, content-type and host, carries no checksum parameters and expires in 5 minutes", async () => {
    const url = new URL(await presignPut("users/u/uploads/temp/f.tmp", "image/png", 1234));
    expect(url.searchParams.get("X-Amz-SignedHeaders")).toBe("content-length;content-type;host");
    expect(url.searchParams.get("X-Amz-Expires")).toBe("300");
    const names = [...url.searchParams.keys()].map((k) => k.toLowerCase());
    expect(names.filter((k) => k.includes("checksum") || k.includes("sdk-checksum"))).toEqual([]);
    expect(url.pathname).toContain("users/u/uploads/temp/f.tmp");
    // Tagged for the lifecycle rule, in the signed query rather than a header to send.
    expect(url.searchParams.get("x-amz-tagging")).toBe("prework-upload=temp");
  });
});
