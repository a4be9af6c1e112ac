import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      // lib/ modules start with `import "server-only"`, which throws outside a react-server build.
      { find: /^server-only$/, replacement: path.join(root, "scripts/empty-module.ts") },
      // tsconfig: "@/*" -> "./*"
      { find: /^@\//, replacement: `${root}/` },
    ],
  },
  test: {
    // The AWS SDK's notice that its 2027 releases need Node 22 (STACK.md), once per worker:
    // known, pinned around, and noise in test output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts", "components/**/*.test.tsx", "scripts/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/node_modules/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          environment: "node",
          include: ["lib/**/*.int.test.ts"],
          // Starts in-memory DynamoDB Local and s3rver on free ports once per run.
          globalSetup: ["scripts/vitest-global-setup.ts"],
          setupFiles: ["scripts/vitest-setup-integration.ts"],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
