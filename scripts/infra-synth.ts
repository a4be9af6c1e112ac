// Synthesizes the CDK app (lib/infra/stack.ts) into cdk.out/ offline: no AWS account, no CDK
// CLI. `npm run infra:synth -- -c suffix=demo -c appOrigin=https://admin.example.com`, or through
// the CLI (`npx cdk deploy`, which runs this file by cdk.json and passes its context in
// CDK_CONTEXT_JSON). Without a suffix or origin it synthesizes with example values, so the
// template can be read and tested; a deploy must name real ones.
import { App } from "aws-cdk-lib";
import { PreworkStack } from "../lib/infra/stack";
import { InfraSettingsError, readSettings } from "../lib/infra/settings";

export const EXAMPLE_CONTEXT = { suffix: "example", appOrigin: "https://admin.example.com" };

/** `-c key=value` pairs of our own command line (the CDK CLI passes them in the environment instead). */
export function contextFromArgs(args: string[]): Record<string, string> {
  const context: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const pair = args[i] === "-c" || args[i] === "--context" ? args[++i] : args[i]?.startsWith("--context=") ? args[i]!.slice(10) : undefined;
    const at = pair?.indexOf("=") ?? -1;
    if (pair && at > 0) context[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return context;
}

export function synth(outdir: string, context: Record<string, string>) {
  const underCli = Boolean(process.env.CDK_CONTEXT_JSON);
  const app = new App({ outdir, context: underCli ? context : { ...EXAMPLE_CONTEXT, ...context } });
  const settings = readSettings((key) => app.node.tryGetContext(key));
  new PreworkStack(app, "Prework", {
    settings,
    // Region and account come from the CLI's profile when deploying; offline they stay tokens.
    ...(process.env.CDK_DEFAULT_REGION ? { env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION } } : {}),
  });
  return app.synth();
}

if (require.main === module) {
  const outdir = process.env.CDK_OUTDIR ?? "cdk.out";
  try {
    const assembly = synth(outdir, contextFromArgs(process.argv.slice(2)));
    for (const stack of assembly.stacks) console.log(`${stack.stackName}: ${Object.keys(stack.template.Resources ?? {}).length} resources -> ${outdir}/${stack.templateFile}`);
  } catch (error) {
    // A wrong setting is the usual cause: its message names it, a stack trace would bury it.
    if (!(error instanceof InfraSettingsError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}
