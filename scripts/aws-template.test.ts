import { describe, expect, it } from "vitest";
import { TABLES } from "../lib/db/tables";
import { awsTemplate } from "./aws-template";

type Resource = { Type: string; Properties: Record<string, unknown> };

describe("AWS template", () => {
  const resources = awsTemplate().Resources as Record<string, Resource>;
  const tables = Object.values(resources).filter((r) => r.Type === "AWS::DynamoDB::Table");

  it("has every table of lib/db/tables.ts with its indexes, TTL and point-in-time recovery", () => {
    expect(tables).toHaveLength(Object.keys(TABLES).length);
    for (const def of Object.values(TABLES)) {
      const table = tables.find((t) => JSON.stringify(t.Properties.TableName).includes(`}${def.baseName}"`));
      expect(table, def.baseName).toBeDefined();
      const indexes = (table!.Properties.GlobalSecondaryIndexes as Array<{ IndexName: string }> | undefined)?.map((i) => i.IndexName) ?? [];
      expect(indexes).toEqual(def.indexes.map((i) => i.name));
      expect(table!.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      if ("ttlAttribute" in def) expect(table!.Properties.TimeToLiveSpecification).toEqual({ AttributeName: def.ttlAttribute, Enabled: true });
    }
  });

  it("expires temp uploads by their tag and keeps the bucket private", () => {
    const bucket = resources.MediaBucket!.Properties;
    const rules = (bucket.LifecycleConfiguration as { Rules: Array<Record<string, unknown>> }).Rules;
    expect(rules.find((r) => r.Id === "expire-temp-uploads")).toMatchObject({ TagFilters: [{ Key: "prework-upload", Value: "temp" }], ExpirationInDays: 1 });
    expect(bucket.PublicAccessBlockConfiguration).toMatchObject({ BlockPublicAcls: true, RestrictPublicBuckets: true });
  });
});
