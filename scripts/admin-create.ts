// `npm run admin:create -- --email you@example.com [--name "Your Name"] [--reset]`: the first
// admin of an installation (lib/admin/first-admin.ts), with a one-time set-password link
// instead of a password. Against AWS when AWS settings are given, else against the running
// local services of `npm run dev`. Safe to run again: see the module for what a second run does.
import { parseArgs } from "node:util";
import { pointAtLocalServices } from "./cleanup-uploads";

const USAGE = 'Usage: npm run admin:create -- --email you@example.com [--name "Your Name"] [--reset]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { email: { type: "string" }, name: { type: "string" }, reset: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } },
    strict: true,
  });
  if (values.help) return void console.log(USAGE);
  if (!values.email) throw new UsageError(`--email is required.\n${USAGE}`);

  pointAtLocalServices();
  // Imported only now: lib/ reads its configuration from process.env on first use.
  const { env, isLocalStack } = await import("@/lib/env");
  const { createFirstAdmin } = await import("@/lib/admin/first-admin");
  const origin = env().AUTH_URL ?? (isLocalStack() ? "http://localhost:3000" : undefined);
  if (!origin) throw new UsageError("Set AUTH_URL to the app's public URL (e.g. https://admin.example.com): the link is printed for that origin.");

  const result = await createFirstAdmin({ email: values.email, name: values.name, reset: values.reset, origin });
  const what = {
    created: `Created the admin ${result.email}.`,
    link_reissued: `The admin ${result.email} exists and has not set a password yet: issued a fresh link (the previous one no longer works).`,
    reset_issued: `Issued a password reset link for the admin ${result.email} (the previous password works until the new one is set).`,
  }[result.outcome];
  console.log(what);
  console.log(`\nOpen this link once to set the password (valid until ${result.expiresAt}):\n\n  ${result.link}\n`);
  console.log("Treat it like a password: whoever opens it first chooses the admin's password.");
}

class UsageError extends Error {}

main().catch(async (error: unknown) => {
  const { AdminExistsError } = await import("@/lib/admin/first-admin");
  const { AppError } = await import("@/lib/errors");
  const { EnvError } = await import("@/lib/env");
  // node:util parseArgs throws a TypeError with an ERR_PARSE_ARGS_* code for a bad option.
  const usage = error instanceof UsageError || String((error as { code?: unknown })?.code).startsWith("ERR_PARSE_ARGS");
  const refusal = error instanceof AdminExistsError || error instanceof AppError || error instanceof EnvError;
  console.error(usage ? `${(error as Error).message}${error instanceof UsageError ? "" : `\n${USAGE}`}` : refusal ? (error as Error).message : error);
  process.exit(usage ? 2 : 1);
});
