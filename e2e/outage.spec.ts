// What people see while DynamoDB cannot be reached: a second production server of its own, on a
// DynamoDB Local that this file starts and then stops (the shared one keeps serving the others).
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { SERVICE_UNAVAILABLE } from "@/lib/errors";
import { freePort, type LocalStack, startLocalStack } from "../scripts/local-stack";
import { expect, test } from "./fixtures";
import { callServerAction } from "./server-actions";

const root = path.resolve(__dirname, "..");
let stack: LocalStack;
let server: ChildProcess;
let origin: string;
const authSecret = randomBytes(33).toString("base64url");

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error("the outage server exited before it answered");
    const ok = await fetch(url, { signal: AbortSignal.timeout(3_000) }).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within 60 s`);
}

test.describe("with DynamoDB stopped", () => {
  test.describe.configure({ mode: "serial", timeout: 120_000 });

  test.beforeAll(async () => {
    const id = randomBytes(4).toString("hex");
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    stack = await startLocalStack({ bucket: `prework-outage-${id}`, tablePrefix: `outage-${id}-`, corsOrigins: [origin] });
    const env = { ...process.env };
    delete env.NODE_OPTIONS; // the runner's react-server condition is not for Next
    server = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
      cwd: root,
      env: {
        ...env,
        DYNAMODB_ENDPOINT: stack.dynamoEndpoint,
        S3_ENDPOINT: stack.s3Endpoint,
        TABLE_PREFIX: `outage-${id}-`,
        S3_BUCKET: stack.bucket,
        AUTH_SECRET: authSecret,
        AUTH_URL: origin,
        AUTH_TRUST_HOST: "true",
        NODE_ENV: "production",
      },
      stdio: "ignore",
    });
    await waitForHealth(`${origin}/api/health`);
    await stack.stopDynamo();
  });

  test.afterAll(async () => {
    server?.kill("SIGKILL");
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
