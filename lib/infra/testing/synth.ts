// Test support: the stack synthesized in memory from a context, as `cdk deploy -c …` would.
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { readSettings } from "../settings";
import { PreworkStack } from "../stack";

export const TEST_CONTEXT = { suffix: "test", appOrigin: "https://admin.example.com" };

export function synthTemplate(context: Record<string, string> = {}): Template {
  const app = new App({ context: { ...TEST_CONTEXT, ...context }, builtinCloudFormationValidation: false });
  const stack = new PreworkStack(app, "Prework", { settings: readSettings((key) => app.node.tryGetContext(key)) });
  return Template.fromStack(stack);
}

/** Each resource of a type, by logical id. */
export function resourcesOf(template: Template, type: string): [string, { Properties: Record<string, unknown> }][] {
  return Object.entries(template.findResources(type)) as [string, { Properties: Record<string, unknown> }][];
}
