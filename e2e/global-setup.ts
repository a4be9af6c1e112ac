// Playwright global setup: an in-memory DynamoDB Local and a temp-dir s3rver on free ports, with
// a table prefix and bucket unique to this run, and the production build served by the app's
// own server (scripts/server.mjs, as `npm start`; TRUST_PROXY unset, so client addresses come
// from the connection) against them. Returns the teardown. Everything it sets in process.env is
// inherited by the workers (spawned afterwards), so fixtures can use the data layer directly.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { startMailbox } from "@/lib/email/testing/mailbox";
import { handleFileStreamRecords } from "@/lib/storage/file-stream";
import { ensureSampleTemplate } from "@/lib/templates/sample";
import { freePort, startLocalStack } from "../scripts/local-stack";
import { startFileStream } from "../scripts/local-stack/file-stream";
import { type AppServer, startAppServer } from "./fixtures/app-server";

const root = path.resolve(__dirname, "..");

function isLoopback(url: string): boolean {
  try {
    const { hostname } = new URL(url);
    return hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]";
  } catch {
    return false;
  }
}

/** These tests create and delete data freely: refuse anything that could reach AWS. */
function refuseUnlessLocal(): void {
  for (const name of ["DYNAMODB_ENDPOINT", "S3_ENDPOINT", "E2E_BASE_URL"]) {
    const value = process.env[name];
    if (value && !isLoopback(value)) {
      throw new Error(`e2e tests run only against local services they start themselves, but ${name}=${value}. Unset it.`);
    }
  }
  // Whatever happens below, neither Next nor the workers get AWS credentials.
  for (const name of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN"]) {
    delete process.env[name];
  }
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  refuseUnlessLocal();
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    throw new Error("No production build found (.next/BUILD_ID is missing): run `npx next build` first (`npm test` does it).");
  }
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

  const id = randomBytes(4).toString("hex");
  const tablePrefix = `e2e-${id}-`;
  const bucket = `prework-e2e-${id}`;
  const appPort = await freePort();
  const baseUrl = `http://127.0.0.1:${appPort}`;
  const authSecret = randomBytes(33).toString("base64url");

  const stack = await startLocalStack({
    bucket,
    tablePrefix,
    corsOrigins: [baseUrl, `http://localhost:${appPort}`],
  });

  const appEnv = {
    DYNAMODB_ENDPOINT: stack.dynamoEndpoint,
    S3_ENDPOINT: stack.s3Endpoint,
    TABLE_PREFIX: tablePrefix,
    S3_BUCKET: bucket,
    AUTH_SECRET: authSecret,
    // Every browser signs in from 127.0.0.1: a per-address limit sized for people would throttle
    // the suite itself. Per-IP throttling is covered by lib/auth/sign-in.int.test.ts.
    SIGN_IN_MAX_FAILURES_PER_IP: "100000",
    AWS_REGION: "us-east-1",
  };

  // lib/ in this process (the file stream's handler, the fixtures' workers) reads these.
  Object.assign(process.env, appEnv);
  // As the local setup does: the app starts with the sample template (e2e/templates.spec.ts).
  await ensureSampleTemplate();
  const fileStream = await startFileStream(stack.dynamoEndpoint, tablePrefix, handleFileStreamRecords);

  const logDir = path.join(root, "test-results");
  mkdirSync(logDir, { recursive: true });
  // Everything the app emails lands here, one JSON file per message, for the specs to read.
  const mailDir = path.join(logDir, `mailbox-${id}`);
  const mailbox = await startMailbox({ dir: mailDir });
  let server: AppServer;
  try {
    server = await startAppServer({
      port: appPort,
      env: {
        ...appEnv,
        AUTH_TRUST_HOST: "true",
        AUTH_URL: baseUrl,
        TRUST_PROXY: "none",
        SMTP_URL: mailbox.url,
      },
      logFile: path.join(logDir, "next-server.log"),
    });
  } catch (error) {
    await mailbox.stop();
    await fileStream.stop();
    await stack.stop();
    throw error;
  }
  const teardown = async () => {
    await server.stop();
    await mailbox.stop();
    await fileStream.stop();
    await stack.stop();
  };

  Object.assign(process.env, { E2E_BASE_URL: baseUrl, E2E_MAILBOX_DIR: mailDir });
  return teardown;
}
