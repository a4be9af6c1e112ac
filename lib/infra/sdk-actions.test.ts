import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Template } from "aws-cdk-lib/assertions";
import { actionsFor, APP_CALLS, SDK_COMMAND_ACTIONS } from "./sdk-actions";
import { scanSdkUsage, sourceFiles } from "./sdk-usage";
import { resourcesOf, synthTemplate } from "./testing/synth";

// The app role allows what the app's code calls, no more and no less. "The app's code" is every
// module that app/ (routes, pages, actions) and proxy.ts import, so operator scripts, the local
// stack, tests and testing helpers are outside it unless the app really imports them.
const ROOT = path.resolve(__dirname, "../..");
const usage = scanSdkUsage(ROOT, [...sourceFiles(ROOT, "app"), "proxy.ts"]);

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

function appRoleStatements(template: Template): Statement[] {
  const [roleId] = resourcesOf(template, "AWS::IAM::Role").find(([id]) => id.startsWith("AppRole"))!;
  return resourcesOf(template, "AWS::IAM::Policy")
    .filter(([, policy]) => (policy.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap(([, policy]) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);

describe("the app role's permissions", () => {
  let template: Template;
  beforeAll(() => {
    template = synthTemplate();
  });

  it("come from code the app runs: no tests, testing helpers or scripts in its import graph", () => {
    expect(usage.modules).toContain("lib/db/transact.ts");
    expect(usage.modules.filter((m) => /\.test\.|\/testing\/|^scripts\/|^e2e\//.test(m))).toEqual([]);
  });

  it("list every SDK command the app calls, and none it does not", () => {
    const called = [...usage.commands.keys()].sort();
    const unknown = called.filter((c) => !SDK_COMMAND_ACTIONS[c]);
    expect(unknown, "commands with no IAM action in lib/infra/sdk-actions.ts").toEqual([]);
    const missing = called.filter((c) => !APP_CALLS.commands.includes(c)).map((c) => `${c} (${usage.commands.get(c)!.join(", ")})`);
    expect(missing, "called by the app but not in APP_CALLS").toEqual([]);
    expect(APP_CALLS.commands.filter((c) => !usage.commands.has(c)), "in APP_CALLS but called nowhere in the app").toEqual([]);
  });

  it("list every kind of transaction item the app writes, and none it does not", () => {
    expect([...usage.transactItems.keys()].sort()).toEqual([...APP_CALLS.transactItems].sort());
  });

  it("include no Scan: only the operator's storage:check scans a table", () => {
    expect(usage.commands.has("ScanCommand")).toBe(false);
    expect(JSON.stringify(appRoleStatements(template))).not.toContain("dynamodb:Scan");
  });

  it("grant exactly the IAM actions of those calls", () => {
    const granted = appRoleStatements(template).flatMap((s) => list(s.Action)).sort();
    const expected = Object.values(actionsFor(APP_CALLS.commands, APP_CALLS.transactItems)).flat().sort();
    expect(granted).toEqual(expected);
    // What IAM calls TransactWriteItems: the item actions, no action of its own.
    expect(granted).toEqual(expect.arrayContaining(["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem"]));
    expect(granted).not.toContain("dynamodb:TransactWriteItems");
  });

  it("reach only the stack's tables with their indexes, and the bucket's users/ and templates/", () => {
    const statements = appRoleStatements(template);
    expect(statements.every((s) => s.Effect === "Allow")).toBe(true);
    const bySid = Object.fromEntries(statements.map((s) => [(s as { Sid?: string }).Sid, JSON.stringify(s.Resource)]));
    const tables = resourcesOf(template, "AWS::DynamoDB::GlobalTable").map(([id]) => id);
    for (const id of tables) {
      expect(bySid.Tables).toContain(`{"Fn::GetAtt":["${id}","Arn"]}`);
      expect(bySid.Tables).toContain(`{"Fn::Join":["",[{"Fn::GetAtt":["${id}","Arn"]},"/index/*"]]}`);
    }
    expect((JSON.parse(bySid.Tables!) as unknown[]).length).toBe(tables.length * 2);
    expect(bySid.Objects).toMatch(/"\/users\/\*"/);
    expect(bySid.Objects).toMatch(/"\/templates\/\*"/);
    expect(bySid.Objects).not.toMatch(/"\/\*"/);
    expect(Object.keys(bySid).sort()).toEqual(["Bucket", "Objects", "Tables"]);
  });
});
