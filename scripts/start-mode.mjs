// Whether `npm start` serves the build against the embedded local stack or against the
// services the environment names. Plain JavaScript: `npm start` runs it without tsx.
//
// The rule is chosen so that a host configured for production can never start an empty local
// database by accident: the local stack starts only when the environment holds none of the
// settings a real deployment has. A deployment needs AUTH_SECRET (the app does not start
// without it), and AWS is named by a region, credentials or a role, or DYNAMODB_ENDPOINT points
// somewhere; any one of them means "not a local trial run". PREWORK_LOCAL_STACK=on|off decides
// outright. (An EC2 or ECS role alone, with nothing in the environment, would look local; that
// host still needs AUTH_SECRET, and without it the app could not run there anyway.)

/** Settings any of which means the environment is configured for real services. */
export const DEPLOYMENT_SETTINGS = [
  "AUTH_SECRET",
  "DYNAMODB_ENDPOINT",
  "S3_ENDPOINT",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWS_ACCESS_KEY_ID",
  "AWS_PROFILE",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_ROLE_ARN",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
  "VERCEL",
];

/**
 * @param {Record<string, string | undefined>} env
 * @returns {{ local: boolean, reason: string }}
 */
export function startMode(env) {
  const forced = (env.PREWORK_LOCAL_STACK ?? "").trim().toLowerCase();
  if (forced === "on") return { local: true, reason: "PREWORK_LOCAL_STACK=on" };
  if (forced === "off") return { local: false, reason: "PREWORK_LOCAL_STACK=off" };
  if (forced !== "") throw new Error(`PREWORK_LOCAL_STACK must be "on" or "off" (got "${env.PREWORK_LOCAL_STACK}")`);
  const configured = DEPLOYMENT_SETTINGS.filter((name) => env[name]);
  if (configured.length) return { local: false, reason: `${configured.join(", ")} ${configured.length === 1 ? "is" : "are"} set` };
  return { local: true, reason: `none of ${DEPLOYMENT_SETTINGS.join(", ")} is set` };
}
