// `npm start` without AWS settings (scripts/start.mjs decides): the production build on the
// embedded local stack, started as `npm run dev` starts it (scripts/local-app.ts).
import { existsSync } from "node:fs";
import path from "node:path";
import { reportFailure, runLocalApp } from "./local-app";

const log = (line: string) => console.log(`[start] ${line}`);

if (!existsSync(path.join(__dirname, "..", ".next", "BUILD_ID"))) {
  console.error("[start] No production build found (.next/BUILD_ID is missing): run `npm run build` first.");
  process.exit(1);
}
runLocalApp("production", log).catch(reportFailure("start"));
