import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, AUDIT_CATALOGUE } from "./catalogue";

const root = path.resolve(__dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "node_modules" || name.startsWith(".") ? [] : sources(full);
    return /\.tsx?$/.test(name) && !/\.(test|int\.test)\.tsx?$/.test(name) ? [full] : [];
  });
}

describe("audit catalogue", () => {
  it("names every action that any write path uses", () => {
    // Every `action: ...` in the app's code that names an audit-like action must be catalogued
    // (the repository also refuses unknown actions at run time).
    const used = new Set<string>();
    for (const file of [...sources(path.join(root, "lib")), ...sources(path.join(root, "app"))]) {
      for (const line of readFileSync(file, "utf8").split("\n")) {
        if (!/\baction:/.test(line)) continue;
        for (const match of line.matchAll(/"((?:user|profile|file|auth|audit|mfa|session)\.[a-z_]+)"/g)) used.add(match[1]!);
      }
    }
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((a) => !Object.hasOwn(AUDIT_CATALOGUE, a))).toEqual([]);
  });

  it("gives each action a group, a sentence and a details schema", () => {
    for (const action of AUDIT_ACTIONS) {
      const entry = AUDIT_CATALOGUE[action];
      expect(entry.sentence.length, action).toBeGreaterThan(5);
      expect(typeof entry.details.parse, action).toBe("function");
    }
  });
});
