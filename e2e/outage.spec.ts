// What people see while DynamoDB cannot be reached: a second production server of its own, on a
// DynamoDB Local that this file starts and then stops (the shared one keeps serving the others).
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { SERVICE_UNAVAILABLE } from "@/lib/errors";
import { freePort, type LocalStack, startLocalStack } from "../scripts/local-stack";
import { type AppServer, startAppServer } from "./fixtures/app-server";
import { expect, test } from "./fixtures";
import { callServerAction } from "./fixtures/server-actions";

let stack: LocalStack;
let server: AppServer;
let origin: string;
const authSecret = randomBytes(33).toString("base64url");

test.describe("with DynamoDB stopped", () => {
  test.describe.configure({ mode: "serial", timeout: 120_000 });

  test.beforeAll(async () => {
    const id = randomBytes(4).toString("hex");
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    stack = await startLocalStack({ bucket: `prework-outage-${id}`, tablePrefix: `outage-${id}-`, corsOrigins: [origin] });
    server = await startAppServer({
      port,
      env: {
        DYNAMODB_ENDPOINT: stack.dynamoEndpoint,
        S3_ENDPOINT: stack.s3Endpoint,
        TABLE_PREFIX: `outage-${id}-`,
        S3_BUCKET: stack.bucket,
        AUTH_SECRET: authSecret,
        AUTH_URL: origin,
        AUTH_TRUST_HOST: "true",
      },
      logFile: path.join(__dirname, "..", "test-results", "outage-server.log"),
    });
    await stack.stopDynamo();
  });

  test.afterAll(async () => {
    await server?.stop();
    await stack?.stop();
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
});
