// `npm run build && npm start` in a fresh checkout, as a newcomer runs it: no AWS settings, no
// AUTH_SECRET, so scripts/start.mjs starts the embedded local stack (scripts/local-app.ts) and
// serves this run's production build on it. The first admin it prints can sign in. Ports and the
// data directory are the test's own, so a developer's `npm run dev` and .data/ are untouched.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../scripts/local-stack";
import { expect, test } from "./fixtures";
import { startAppServer } from "./fixtures/app-server";

test("npm start without AWS settings serves the build on the embedded local stack, and its first admin signs in", async ({ page }) => {
  test.setTimeout(150_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "prework-start-"));
  const [port, dynamoPort, s3Port] = [await freePort(), await freePort(), await freePort()];
  // Only what a shell would have: none of the e2e stack's settings.
  const server = await startAppServer({
    port,
    script: "scripts/start.mjs",
    inheritEnv: false,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? dataDir,
      TMPDIR: process.env.TMPDIR ?? os.tmpdir(),
      DYNAMODB_PORT: String(dynamoPort),
      S3_PORT: String(s3Port),
      PREWORK_DATA_DIR: dataDir,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    },
    logFile: path.join(__dirname, "..", "test-results", "npm-start.log"),
  });
  try {
    expect(server.output()).toContain("starting the embedded local stack");
    const password = /^│\s+password\s+(\S+)/m.exec(server.output())?.[1];
    expect(password, server.output()).toBeTruthy();
    // The app's own URL (AUTH_URL) is localhost: sign in there, so the cookie and redirects agree.
    await page.goto(`http://localhost:${port}/sign-in`);
    await page.getByLabel("Email").fill("admin@prework.local");
    await page.getByLabel("Password").fill(password!);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
