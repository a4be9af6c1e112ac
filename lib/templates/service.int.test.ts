import { randomUUID } from "node:crypto";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it } from "vitest";
import { listAuditByActor } from "@/lib/db/audit";
import { getTemplateMetadata } from "@/lib/db/templates";
import { useIsolatedTables } from "@/lib/db/testing/isolated-tables";
import { aroundRequests } from "@/lib/db/testing/sdk-middleware";
import { ConflictError, ValidationError } from "@/lib/errors";
import { bucket, s3 } from "@/lib/s3/client";
import { PUBLIC_SAMPLE_TEMPLATE_KEY } from "@/lib/s3/keys";
import { listObjects } from "@/lib/s3/list-objects";
import { objectExists } from "@/lib/s3/testing/objects";
import { ensureSampleTemplate, SAMPLE_TEMPLATE_ID } from "./sample";
import sample from "./sample-template.json";
import { archiveTemplate, createTemplate, getTemplate, listTemplates, templateFromInput, updateTemplate } from "./service";

// Tables of their own: the list tests read a whole status partition, and the sample's fixed id
// must start absent.
beforeAll(async () => {
  await useIsolatedTables();
});

const actor = () => ({ actorId: `templates-${randomUUID()}`, userAgent: "vitest" });
const titled = (title: string) => ({ ...sample, title });
const objectsOf = async (id: string) => (await listObjects(`templates/shared/${id}/`)).map((o) => o.key);

describe("createTemplate", () => {
  it("writes the document, the metadata and exactly one audit entry", async () => {
    const ctx = actor();
    const created = await createTemplate(titled("Created"), ctx);
    expect(created).toMatchObject({ title: "Created", profileType: "professional", fieldCount: 6, checklistCount: 7, status: "active", version: 1, createdBy: ctx.actorId });
    expect(await objectsOf(created.id)).toEqual([created.s3Key]);
    expect(await getTemplateMetadata(created.id, { consistent: true })).toEqual(created);
    const read = await getTemplate(created.id);
    expect(read).toMatchObject({ ok: true, template: { title: "Created" } });
    const entries = (await listAuditByActor(ctx.actorId)).items;
    expect(entries.map((e) => [e.action, e.details])).toEqual([["template.created", { templateId: created.id, title: "Created", profileType: "professional" }]]);
  });

  it("refuses an invalid template with errors by path, writing nothing", async () => {
    const ctx = actor();
    const invalid = { ...sample, fields: [{ ...sample.fields[0], key: "" }], title: " " };
    const error = await createTemplate(invalid, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(expect.arrayContaining(["title", "fields.0.key"]));
    expect((await listAuditByActor(ctx.actorId)).items).toEqual([]);
  });

  it("deletes the document when the transaction fails, so no object is left behind", async () => {
    const id = randomUUID();
    const remove = aroundRequests(async (input, send) => {
      if ("TransactItems" in input) throw Object.assign(new Error("injected outage"), { name: "InternalServerError" });
      return send(input);
    });
    try {
      await expect(createTemplate(sample, actor(), { id })).rejects.toThrow("injected outage");
    } finally {
      remove();
    }
    expect(await objectsOf(id)).toEqual([]);
    expect(await getTemplateMetadata(id, { consistent: true })).toBeNull();
  });
});

describe("updateTemplate", () => {
  it("points the metadata at the new document, audits the change and deletes the old document", async () => {
    const ctx = actor();
    const created = await createTemplate(titled("Before"), ctx);
    const updated = await updateTemplate(created.id, 1, { ...titled("After"), checklist: sample.checklist.slice(0, 2) }, ctx);
    expect(updated).toMatchObject({ title: "After", checklistCount: 2, version: 2 });
    expect(updated.s3Key).not.toBe(created.s3Key);
    expect(await objectsOf(created.id)).toEqual([updated.s3Key]);
    expect(await getTemplate(created.id)).toMatchObject({ ok: true, template: { title: "After" } });
    const entry = (await listAuditByActor(ctx.actorId)).items.find((e) => e.action === "template.updated")!;
    expect(entry.details).toMatchObject({ templateId: created.id, title: "After", affectedFields: expect.arrayContaining(["title", "checklist"]) });
  });

  it("refuses a stale version and changes nothing, leaving no stray document", async () => {
    const ctx = actor();
    const created = await createTemplate(titled("Kept"), ctx);
    await updateTemplate(created.id, 1, titled("First edit"), ctx);
    const now = await getTemplateMetadata(created.id, { consistent: true });
    await expect(updateTemplate(created.id, 1, titled("Stale edit"), ctx)).rejects.toBeInstanceOf(ConflictError);
    expect(await getTemplateMetadata(created.id, { consistent: true })).toEqual(now);
    expect(await objectsOf(created.id)).toEqual([now!.s3Key]);
  });

  it("refuses the loser of two racing updates after its document was written, and deletes that document", async () => {
    const ctx = actor();
    const created = await createTemplate(titled("Raced"), ctx);
    // The other update commits between this one's read and its transaction.
    let raced = false;
    const remove = aroundRequests(async (input, send) => {
      if ("TransactItems" in input && !raced) {
        raced = true;
        remove();
        await updateTemplate(created.id, 1, titled("Winner"), ctx);
      }
      return send(input);
    });
    await expect(updateTemplate(created.id, 1, titled("Loser"), ctx)).rejects.toBeInstanceOf(ConflictError);
    const winner = (await getTemplateMetadata(created.id, { consistent: true }))!;
    expect(winner).toMatchObject({ title: "Winner", version: 2 });
    expect(await objectsOf(created.id)).toEqual([winner.s3Key]);
    expect(await getTemplate(created.id)).toMatchObject({ ok: true, template: { title: "Winner" } });
  });
});

describe("getTemplate", () => {
  it("reports a corrupt document instead of returning it", async () => {
    const created = await createTemplate(titled("Corrupted"), actor());
    await s3().send(new PutObjectCommand({ Bucket: bucket(), Key: created.s3Key, Body: JSON.stringify({ ...sample, schemaVersion: 99 }) }));
    expect(await getTemplate(created.id)).toMatchObject({ ok: false, problem: "The template's document is not a valid template." });
    await s3().send(new PutObjectCommand({ Bucket: bucket(), Key: created.s3Key, Body: "{ not json" }));
    expect(await getTemplate(created.id)).toMatchObject({ ok: false, problem: "The template's document is not valid JSON." });
    expect(await getTemplate(randomUUID())).toBeNull();
  });
});

describe("archiveTemplate and listTemplates", () => {
  it("lists one status newest-updated first, page by page, and moves an archived template to the archived list", async () => {
    const ctx = actor();
    const made = [];
    for (const title of ["One", "Two", "Three"]) made.push(await createTemplate(titled(title), ctx));
    const archived = await archiveTemplate(made[0]!.id, 1, ctx);
    expect(archived).toMatchObject({ status: "archived", version: 2 });
    await expect(archiveTemplate(made[0]!.id, 1, ctx)).rejects.toBeInstanceOf(ConflictError);
    await expect(updateTemplate(made[0]!.id, 2, titled("Edited"), ctx)).rejects.toBeInstanceOf(ConflictError);

    const first = await listTemplates({ status: "active", limit: 1 });
    expect(first.items.map((t) => t.title)).toEqual(["Three"]);
    const second = await listTemplates({ status: "active", limit: 1, cursor: first.nextCursor });
    expect(second.items.map((t) => t.title)).toEqual(["Two"]);
    expect((await listTemplates({ status: "archived" })).items.map((t) => t.title)).toContain("One");
    // A cursor of one list is refused by another.
    await expect(listTemplates({ status: "archived", cursor: first.nextCursor })).rejects.toBeInstanceOf(ValidationError);
    const entries = (await listAuditByActor(ctx.actorId)).items.filter((e) => e.action === "template.archived");
    expect(entries.map((e) => e.details)).toEqual([{ templateId: made[0]!.id, title: "One" }]);
  });
});

describe("ensureSampleTemplate", () => {
  it("publishes the sample and creates its template once, however often it runs", async () => {
    const first = await ensureSampleTemplate();
    const again = await ensureSampleTemplate();
    expect(first.templateCreated).toBe(true);
    expect(again).toEqual({ publicCopyWritten: false, templateCreated: false });
    expect(await objectExists(PUBLIC_SAMPLE_TEMPLATE_KEY)).toBe(true);
    const copy = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: PUBLIC_SAMPLE_TEMPLATE_KEY }));
    expect(JSON.parse(await copy.Body!.transformToString())).toEqual(sample);
    expect(await objectsOf(SAMPLE_TEMPLATE_ID)).toHaveLength(1);
    expect((await listAuditByActor("system", { limit: 100 })).items.filter((e) => e.action === "template.created")).toHaveLength(1);
  });
});

describe("templates as JSON text (the raw editor's input)", () => {
  it("refuses a syntax error with its line:column, a schema problem at its value, and a template over the limit, writing nothing", async () => {
    const ctx = actor();
    const syntax = (() => {
      try {
        return templateFromInput({ json: '{\n  "title": "x",\n  "fields": [1 2]\n}' });
      } catch (error) {
        return error;
      }
    })();
    expect(syntax).toBeInstanceOf(ValidationError);
    expect(syntax).toMatchObject({ message: "This is not valid JSON.", fieldErrors: { form: ["line 3, column 16: A comma was expected."] } });

    const text = JSON.stringify({ ...sample, fields: [...sample.fields, { key: "jobTitle", label: "Again", type: "colour", required: true }] }, null, 2);
    const schema = (() => {
      try {
        return templateFromInput({ json: text });
      } catch (error) {
        return error as ValidationError;
      }
    })() as ValidationError;
    expect(schema.fieldErrors["fields.6.type"]?.[0]).toMatch(/^line \d+, column \d+: Choose a field type\.$/);
    expect(schema.fieldErrors["fields.6.key"]?.[0]).toMatch(/^line \d+, column \d+: "jobTitle" is already field 1\.$/);

    const huge = { ...sample, description: "é".repeat(140 * 1024) };
    await expect(createTemplate(huge, ctx)).rejects.toThrow(/^A template can be at most 256(\.0)? KB \(this one is 28\d(\.\d)? KB\)\.$/);
    expect(() => templateFromInput({ json: JSON.stringify(huge) })).toThrow(/at most 256/);
    expect((await listAuditByActor(ctx.actorId)).items).toEqual([]);
  });
});
