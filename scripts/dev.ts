// `npm run dev`: with AWS settings (AWS_REGION plus credentials or a profile, and no
// DYNAMODB_ENDPOINT) it only runs `next dev` (through scripts/server.mjs). Otherwise it runs the
// app on the embedded local stack (scripts/local-app.ts): DynamoDB Local and s3rver with data
// under .data/, tables and bucket converged, a first admin seeded (printed once).
import { runAppOnly, runLocalApp, reportFailure } from "./local-app";

const log = (line: string) => console.log(`[dev] ${line}`);

function usesAws(): boolean {
  const e = process.env;
  return Boolean(e.AWS_REGION && !e.DYNAMODB_ENDPOINT && (e.AWS_ACCESS_KEY_ID || e.AWS_PROFILE || e.AWS_WEB_IDENTITY_TOKEN_FILE));
}

if (usesAws()) {
  log(`AWS settings found (region ${process.env.AWS_REGION}): using AWS, starting no local services.`);
  runAppOnly("dev", log).catch(reportFailure("dev"));
} else {
  runLocalApp("dev", log).catch(reportFailure("dev"));
}
