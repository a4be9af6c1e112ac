import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFile, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { type AttributeValue, DeleteItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { CreateBucketCommand, DeleteObjectsCommand, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, table } from "@/lib/db/client";
import { createProfile } from "@/lib/db/profiles";
import { scanPages } from "@/lib/db/scan-table";
import { TABLES, type TableId } from "@/lib/db/tables";
import { useIsolatedTables } from "@/lib/db/testing/isolated-tables";
import { createUser, getUser, updateUser } from "@/lib/db/users";
import { bucket, s3 } from "@/lib/s3/client";
import { listObjects } from "@/lib/s3/list-objects";
import { canonicalItem } from "./attribute-json";
import { exportData } from "./export";
import { importData } from "./import";
import { type ExportManifest, MANIFEST_FILE } from "./manifest";

// Tables of this file's own and a bucket of its own: the tests wipe both.
const ids = Object.keys(TABLES) as TableId[];
const ctx = { actorId: "test", userAgent: "vitest" };
const binary = randomBytes(300_000);
let dirs: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "prework-transfer-"));
  dirs.push(dir);
  return dir;
}

/** Every item of every table as canonical text, sorted, and every object with its bytes. */
async function snapshot() {
  const tables: Record<string, string[]> = {};
  for (const id of ids) {
    const items: string[] = [];
    for await (const page of scanPages(id)) items.push(...page.items.map(canonicalItem));
    tables[id] = items.sort();
  }
  const objects: Record<string, { type?: string; metadata?: Record<string, string>; sha: string; size: number }> = {};
  for (const { key } of await listObjects("")) {
    const out = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
    const bytes = Buffer.from(await out.Body!.transformToByteArray());
    objects[key] = { type: out.ContentType, metadata: out.Metadata, sha: bytes.toString("base64"), size: bytes.length };
  }
  return { tables, objects };
}

async function wipe({ objects = true } = {}): Promise<void> {
  for (const id of ids) {
    // The item's whole key: a table with a sort key (user-search, passkeys) needs both parts.
    const definition: { partitionKey: { name: string }; sortKey?: { name: string } } = TABLES[id];
    const names = { "#k": definition.partitionKey.name, ...(definition.sortKey ? { "#s": definition.sortKey.name } : {}) };
    for await (const page of scanPages(id, { projection: Object.keys(names).join(", "), names })) {
      for (const item of page.items) await db().send(new DeleteItemCommand({ TableName: table(id), Key: item }));
    }
  }
  if (!objects) return;
  const keys = (await listObjects("")).map((o) => ({ Key: o.key }));
  if (keys.length) await s3().send(new DeleteObjectsCommand({ Bucket: bucket(), Delete: { Objects: keys } }));
}

const putObject = (key: string, body: Uint8Array | string, type?: string, metadata?: Record<string, string>) =>
  s3().send(new PutObjectCommand({ Bucket: bucket(), Key: key, Body: body, ContentType: type, Metadata: metadata }));

let admin: Awaited<ReturnType<typeof createUser>>;
let tempKey: string;

beforeAll(async () => {
  process.env.S3_BUCKET = `prework-xfer-${randomBytes(4).toString("hex")}`;
  await useIsolatedTables();
  await s3().send(new CreateBucketCommand({ Bucket: bucket() }));

  admin = await createUser({ email: "root@transfer.test", name: "Root Admin", role: "admin" }, ctx);
  for (let i = 0; i < 7; i++) {
    const user = await createUser({ email: `person-${i}@transfer.test`, name: `Person ${i} Ünïcode`, role: i % 2 ? "manager" : "user", passwordHash: `hash-${i}` }, ctx);
    await createProfile(user.id, {
      name: "Work",
      type: "professional",
      customFields: { department: "Engineering", skills: ["TypeScript", "AWS"], preferences: { theme: "dark", notifications: true, nested: { depth: [1, 2.5, -3e-7, { deep: null }] } } },
    }, ctx);
  }
  // What no repository writes but DynamoDB can hold, and a document client would not copy
  // exactly: a 38-digit number, sets of each kind, binary, NULL, empty string, nested lists.
  const exotic: Record<string, AttributeValue> = {
    key: { S: "exotic#1" },
    big: { N: "12345678901234567890123456789012345678" },
    tiny: { N: "-0.000000000000000000000000000000001" },
    names: { SS: ["b", "a", "c"] },
    numbers: { NS: ["1", "99999999999999999999", "-2.5"] },
    blobs: { BS: [new Uint8Array([0, 255, 1]), new Uint8Array([7])] },
    blob: { B: new Uint8Array(binary.subarray(0, 1000)) },
    nothing: { NULL: true },
    empty: { S: "" },
    nested: { M: { list: { L: [{ N: "1" }, { S: "x" }, { BOOL: false }, { M: {} }, { L: [] }] } } },
  };
  await db().send(new PutItemCommand({ TableName: table("counters"), Item: exotic }));

  await putObject(`users/${admin.id}/uploads/2026/12/report.bin`, binary, "application/octet-stream", { source: "test" });
  await putObject(`users/${admin.id}/profiles/p1/avatar ü+%.png`, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]), "image/png");
  await putObject(`templates/shared/t1/template.json`, '{"a":1}', "application/json");
  await putObject(`users/${admin.id}/uploads/empty.txt`, "", "text/plain");
  tempKey = `users/${admin.id}/uploads/temp/abandoned.tmp`;
  await putObject(tempKey, "in flight", "text/plain");
});

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  dirs = [];
});

describe("data export and import", () => {
  it("round-trips every item and object exactly through an empty environment", async () => {
    const before = await snapshot();
    delete before.objects[tempKey];
    const dir = await tempDir();
    const exported = await exportData({ dir, objects: true });
    expect(exported.tables.find((t) => t.table === "users")?.items).toBe(8);
    expect(exported.objects).toMatchObject({ count: 4, bytes: binary.length + 7 + 7 });
    const manifest = JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), "utf8")) as ExportManifest;
    expect(manifest).toMatchObject({ format: "prework-data-export", version: 1, finished: true, source: { bucket: bucket() } });
    await expect(exportData({ dir, objects: true })).rejects.toThrow(/holds a finished export/);

    await wipe();
    expect(Object.keys((await snapshot()).objects)).toEqual([]);
    const imported = await importData({ dir, objects: true, overwrite: false });
    expect(await snapshot()).toEqual(before);
    expect(imported.tables.every((t) => t.written === t.items && t.kept === 0)).toBe(true);
    expect(imported.objects).toMatchObject({ count: 4, written: 4 });

    // Again: everything is there already, nothing is written.
    const again = await importData({ dir, objects: true, overwrite: false });
    expect(again.tables.every((t) => t.unchanged === t.items && t.written === 0)).toBe(true);
    expect(again.objects).toMatchObject({ unchanged: 4, written: 0 });
  });

  it("resumes an interrupted export without duplicates or gaps, and an import refuses it until it finished", async () => {
    const before = await snapshot();
    const dir = await tempDir();
    const controller = new AbortController();
    let pages = 0;
    const first = exportData({
      dir,
      objects: true,
      pageSize: 2,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === "users" && p.done > 0 && ++pages === 2) controller.abort();
      },
    });
    await expect(first).rejects.toMatchObject({ name: "AbortError" });
    const partial = JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), "utf8")) as ExportManifest;
    expect(partial.finished).toBe(false);
    expect(partial.tables.users).toMatchObject({ items: 4, done: false });
    await expect(importData({ dir, objects: false, overwrite: false })).rejects.toThrow(/did not finish/);
    // A crash between writing a page and its checkpoint: a counted page again, and half a line.
    const usersFile = path.join(dir, partial.tables.users!.file);
    const written = await readFile(usersFile, "utf8");
    await appendFile(usersFile, `${written.split("\n")[0]}\n{"Item":{"id":{"S":"half`);

    // Interrupted again, among the objects this time, with half an object record left behind.
    const again = new AbortController();
    const second = exportData({ dir, objects: true, pageSize: 2, concurrency: 1, signal: again.signal, onProgress: (p) => p.phase === "objects" && p.done === 2 && again.abort() });
    await expect(second).rejects.toMatchObject({ name: "AbortError" });
    await appendFile(path.join(dir, "objects", "objects.jsonl"), '{"key":"users/hal');

    const resumed = await exportData({ dir, objects: true, pageSize: 2 });
    expect(resumed.resumed).toBe(true);
    expect(resumed.objects).toMatchObject({ count: 4, vanished: 0 });
    const records = (await readFile(path.join(dir, "objects", "objects.jsonl"), "utf8")).split("\n").filter(Boolean);
    expect(new Set(records.map((r) => (JSON.parse(r) as { key: string }).key)).size).toBe(4);
    for (const id of ids) {
      const lines = (await readFile(path.join(dir, "tables", `${id}.jsonl`), "utf8")).split("\n").filter(Boolean);
      expect(new Set(lines).size, id).toBe(lines.length);
      expect(lines.length, id).toBe(before.tables[id]!.length);
    }
    await wipe();
    await importData({ dir, objects: true, overwrite: false });
    const after = await snapshot();
    delete before.objects[tempKey];
    expect(after).toEqual(before);
  });

  it("resumes an interrupted import", async () => {
    const before = await snapshot();
    const dir = await tempDir();
    await exportData({ dir, objects: false });
    await wipe({ objects: false });
    const controller = new AbortController();
    const first = importData({ dir, objects: false, overwrite: false, batchSize: 3, signal: controller.signal, onProgress: (p) => p.phase === "users" && p.done >= 3 && controller.abort() });
    await expect(first).rejects.toMatchObject({ name: "AbortError" });
    const resumed = await importData({ dir, objects: false, overwrite: false, batchSize: 3 });
    expect(resumed.resumed).toBe(true);
    // The users imported before the interruption are not imported again.
    expect(resumed.tables.find((t) => t.table === "users")).toMatchObject({ items: 8, written: 8, unchanged: 0 });
    expect((await snapshot()).tables).toEqual(before.tables);
  });

  it("keeps items and objects that are newer or different in the target unless told to overwrite", async () => {
    const dir = await tempDir();
    await exportData({ dir, objects: true });
    const current = (await getUser(admin.id, { consistent: true }))!;
    const renamed = await updateUser(admin.id, current.version, { name: "Renamed Since" }, ctx);
    const reportKey = `users/${admin.id}/uploads/2026/12/report.bin`;
    await putObject(reportKey, "replaced content", "text/plain");

    const kept = await importData({ dir, objects: true, overwrite: false });
    expect(kept.tables.find((t) => t.table === "users")).toMatchObject({ kept: 1, written: 0 });
    expect(kept.objects).toMatchObject({ kept: 1, written: 0 });
    expect(await getUser(admin.id, { consistent: true })).toEqual(renamed);
    const object = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: reportKey }));
    expect(await object.Body!.transformToString()).toBe("replaced content");

    const overwritten = await importData({ dir, objects: true, overwrite: true });
    expect(overwritten.tables.find((t) => t.table === "users")).toMatchObject({ written: 1 });
    expect(overwritten.objects).toMatchObject({ written: 1 });
    expect(await getUser(admin.id, { consistent: true })).toMatchObject({ name: current.name, version: current.version });
    const restored = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: reportKey }));
    expect(Buffer.from(await restored.Body!.transformToByteArray()).equals(binary)).toBe(true);
  });
});

describe("npm run data:export / data:import", () => {
  const root = path.resolve(__dirname, "..", "..");
  // The test's tables and bucket are in process.env (useIsolatedTables, beforeAll).
  const run = (script: string, args: string[]) =>
    promisify(execFile)(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", script, ...args], { cwd: root, env: process.env }).then(
      (out) => ({ code: 0, ...out }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  it("export and import with a summary, plain progress lines off a terminal, and clear refusals", async () => {
    const dir = await tempDir();
    const exported = await run("scripts/data-export.ts", ["--out", dir, "--objects"]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/^users +\[#+\] 100% 8\/~8 items, .* \(\d+\.\d s\)$/m);
    expect(exported.stdout).not.toContain("\r");
    expect(exported.stdout).toMatch(/Finished the export into .* in \d+\.\d s/);
    expect(exported.stdout).toMatch(/^ {2}users +8 +\d/m);

    const imported = await run("scripts/data-import.ts", ["--in", dir, "--objects"]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/^ {2}users +8 +0 +8 +0$/m);

    expect((await run("scripts/data-import.ts", ["--in", await tempDir()])).stderr).toContain("holds no export");
    expect((await run("scripts/data-export.ts", ["--out", dir])).code).toBe(1);
    expect((await run("scripts/data-export.ts", [])).code).toBe(2);
  }, 60_000);
});
