// What people see while DynamoDB cannot be reached, and that the app recovers once it is back:
// a second production server of its own, on a DynamoDB Local that this file starts, stops and
// starts again on the same data (the shared one keeps serving the others).
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import type { Page } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { SERVICE_UNAVAILABLE } from "@/lib/errors";
import { freePort, type LocalStack, startLocalStack } from "../scripts/local-stack";
import { type AppServer, startAppServer } from "./fixtures/app-server";
import { expect, test } from "./fixtures";
import { callServerAction } from "./fixtures/server-actions";

let stack: LocalStack;
let server: AppServer;
let origin: string;
let dataDir: string;
let tablePrefix: string;
const before = `before-outage-${randomUUID()}@e2e.test`;
const authSecret = randomBytes(33).toString("base64url");

/** The password-reset requests the outage server's audit log holds for these emails, read straight from its DynamoDB. */
async function resetRequestsFor(...emails: string[]): Promise<string[]> {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.dynamoEndpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } }));
  try {
    const out = await client.send(new ScanCommand({ TableName: `${tablePrefix}audit-logs`, ConsistentRead: true }));
    return (out.Items ?? []).filter((e) => e.action === "auth.password_reset_requested" && emails.includes(e.details?.email)).map((e) => String(e.details.email)).sort();
  } finally {
    client.destroy();
  }
}

async function requestReset(page: Page, email: string) {
  await page.goto(`${origin}/forgot-password`);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: /send/i }).click();
  await expect(page.getByText(/If an account exists for/)).toBeVisible();
}

test.describe("DynamoDB stopped and started again", () => {
  test.describe.configure({ mode: "serial", timeout: 120_000 });

  test.beforeAll(async () => {
    const id = randomBytes(4).toString("hex");
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    tablePrefix = `outage-${id}-`;
    // On disk, so that a restart finds what was written before it.
    dataDir = mkdtempSync(path.join(os.tmpdir(), "prework-outage-"));
    stack = await startLocalStack({ dataDir, bucket: `prework-outage-${id}`, tablePrefix, corsOrigins: [origin] });
    server = await startAppServer({
      port,
      env: {
        DYNAMODB_ENDPOINT: stack.dynamoEndpoint,
        S3_ENDPOINT: stack.s3Endpoint,
        TABLE_PREFIX: tablePrefix,
        S3_BUCKET: stack.bucket,
        AUTH_SECRET: authSecret,
        AUTH_URL: origin,
        AUTH_TRUST_HOST: "true",
      },
      logFile: path.join(__dirname, "..", "test-results", "outage-server.log"),
    });
  });

  test.afterAll(async () => {
    await server?.stop();
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test("before the outage, a request is answered and recorded", async ({ page }) => {
    await requestReset(page, before);
    await expect.poll(() => resetRequestsFor(before)).toEqual([before]);
    await stack.stopDynamo();
  });

  test("signing in says the service is unavailable, not that the password is wrong", async ({ page }) => {
    await page.goto(`${origin}/sign-in`);
    await page.getByLabel("Email").fill("someone@e2e.test");
    await page.getByLabel("Password").fill("a password that is long enough");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText(/Sign-in is unavailable right now/);
    await expect(page.locator("form").getByRole("alert")).not.toHaveText(/do not match/);
  });

  test("with a session cookie, the sign-in page and a server action answer with the unavailable message, not an HTTP 500", async ({ page, context }) => {
    // A genuine cookie (encrypted with the server's secret): only the session look-up can fail.
    const cookie = await encode({ token: { sub: randomUUID(), sid: randomBytes(32).toString("base64url") }, secret: authSecret, salt: "authjs.session-token", maxAge: 3600 });
    await context.addCookies([{ name: "authjs.session-token", value: cookie, url: origin, httpOnly: true }]);
    const response = await page.goto(`${origin}/sign-in`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("status").filter({ hasText: SERVICE_UNAVAILABLE })).toBeVisible();
    const result = await callServerAction(page, "lib/actions/sessions/session-actions.ts", "revokeAllSessionsAction", { userId: randomUUID() });
    expect(result).toEqual({ ok: false, error: SERVICE_UNAVAILABLE });
  });

  test("once DynamoDB is back on the same data, the same server recovers and nothing recorded before is lost", async ({ page }) => {
    await stack.restartDynamo();
    // The server was not restarted: its next requests simply work again.
    await page.goto(`${origin}/sign-in`);
    await page.getByLabel("Email").fill("someone@e2e.test");
    await page.getByLabel("Password").fill("a password that is long enough");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText(/do not match/);
    const after = `after-outage-${randomUUID()}@e2e.test`;
    await requestReset(page, after);
    await expect.poll(() => resetRequestsFor(before, after)).toEqual([after, before].sort());
  });
});
