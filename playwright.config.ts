// End-to-end tests against a production build (`next build` first; `npm test` does it). The
// global setup starts in-memory DynamoDB Local, s3rver and the app's server (scripts/server.mjs,
// as `npm start`) on free ports; see e2e/global-setup.ts. Run through `npm run test:e2e`, which
// adds the react-server condition so that the lib/ modules (`import "server-only"`) load in the
// runner and its workers.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_LAUNCH_OPTIONS } from "./e2e/chromium";

// The specs' factories import lib/ modules, which start with `import "server-only"`: that only
// resolves (to an empty module) under the react-server condition. Say so instead of failing on
// an obscure import error.
const nodeFlags = `${process.env.NODE_OPTIONS ?? ""} ${process.execArgv.join(" ")}`;
if (!/(--conditions[= ]|-C ?)react-server\b/.test(nodeFlags)) {
  throw new Error("Run the e2e tests with `npm run test:e2e` (it sets NODE_OPTIONS=--conditions=react-server so lib/ modules load).");
}

// Chromium leaves folders in the temp dir: keep them inside the project (git-ignored).
const tmp = path.join(__dirname, ".tmp");
mkdirSync(tmp, { recursive: true });
process.env.TMPDIR = tmp;

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./e2e/global-setup.ts",
  outputDir: "test-results",
  workers: 2,
  retries: 0,
  // Tests, not files, are shared out: no file waits behind a long one in the same worker.
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  reporter: "list",
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    // Set by the global setup. The runner may read this file before that, so e2e/fixtures.ts
    // also supplies baseURL from the environment at test time.
    baseURL: process.env.E2E_BASE_URL,
    trace: "retain-on-failure",
    browserName: "chromium",
    viewport: { width: 1280, height: 800 },
    launchOptions: CHROMIUM_LAUNCH_OPTIONS,
  },
  projects: [
    { name: "chromium", testIgnore: "**/fuzz.spec.ts" },
    // Last and alone, so that nothing else writes while it compares every table before and after.
    { name: "fuzz", testMatch: "**/fuzz.spec.ts", dependencies: ["chromium"] },
  ],
});
