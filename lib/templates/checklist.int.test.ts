import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listAuditByTarget } from "@/lib/db/audit";
import { listTemplateProgress } from "@/lib/db/checklist";
import { getFile } from "@/lib/db/files";
import { getProfile } from "@/lib/db/profiles";
import { aroundRequests, countCalls } from "@/lib/db/testing/sdk-middleware";
import { createUser } from "@/lib/db/users";
import { NotFoundError, ValidationError, ForbiddenError } from "@/lib/errors";
import { completeUpload, deleteFile, startUpload } from "@/lib/uploads/service";
import type { Role } from "@/lib/validation/users";
import { acknowledgeChecklistItem, buildChecklistView, createProfileFromTemplate, saveProfile } from "./checklist";
import { createTemplate } from "./service";

// The checklist against the real DynamoDB Local and s3rver: a template-based profile's progress
// moves in the same transaction as the save, the document's ready mark or the acknowledgement,
// and a failed transaction moves nothing.

const ctx = { actorId: "checklist-test", userAgent: "vitest" };
const PDF = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(300, 32)]);

const templateDoc = (title: string) => ({
  schemaVersion: 1,
  title,
  profileType: "professional",
  fields: [
    { key: "jobTitle", label: "Job title", type: "text", required: true, help: "As in the contract." },
    { key: "startDate", label: "First day", type: "date", required: true },
    { key: "team", label: "Team", type: "text", required: false, allowedValues: ["A", "B"] },
  ],
  checklist: [
    { id: "job-title", kind: "field", label: "Job title filled in", fieldKey: "jobTitle" },
    { id: "start-date", kind: "field", label: "First day set", fieldKey: "startDate" },
    { id: "contract", kind: "document", label: "Signed contract uploaded", documentKind: "contract" },
    { id: "conduct", kind: "acknowledgement", label: "Code of conduct read", statement: "I have read the code of conduct." },
  ],
  dueWithinDays: 7,
});

const person = (role: Role = "user") => createUser({ email: `cl-${randomUUID()}@example.com`, name: `Ana ${role}`, role }, ctx);

async function setup() {
  const template = await createTemplate(templateDoc(`Checklist ${randomUUID().slice(0, 8)}`), ctx);
  const user = await person();
  const profile = await createProfileFromTemplate(user.id, { name: "Work", type: "professional", customFields: {} }, template.id, ctx);
  return { template, user, profile };
}

async function uploadContract(user: Awaited<ReturnType<typeof person>>, profileId: string) {
  const started = await startUpload(user, { purpose: "document", name: "contract.pdf", type: "application/pdf", size: PDF.length, profileId, documentKind: "contract" }, ctx);
  const put = await fetch(started.uploadUrl, { method: "PUT", headers: { "Content-Type": "application/pdf" }, body: new Uint8Array(PDF) });
  expect(put.status).toBe(200);
  const pending = await getFile(started.fileId, { consistent: true });
  return completeUpload(pending!, ctx);
}

const failTransactions = () =>
  aroundRequests(async (input, send) => {
    if ("TransactItems" in input) throw Object.assign(new Error("injected outage"), { name: "InternalServerError" });
    return send(input);
  });

describe("a profile made from a template", () => {
  it("records the template and starts with its fields empty and its checklist open, due in 7 days", async () => {
    const { template, user, profile } = await setup();
    expect(profile).toMatchObject({ templateId: template.id, templateVersion: 1, customFields: { jobTitle: "", startDate: "", team: "" } });
    expect(profile.templateDocumentId).toBe(/template-([^/]+)\.json$/.exec(template.s3Key)![1]);
    const stored = await getProfile(profile.id, { consistent: true });
    expect(stored?.checklistProgress).toEqual({ done: 0, total: 4, dueAt: new Date(Date.parse(profile.createdAt) + 7 * 86_400_000).toISOString() });
    const view = await buildChecklistView(user, profile.id);
    expect(view).toMatchObject({ userId: user.id, profileId: profile.id, templateId: template.id, done: 0, total: 4, overdue: false });
    expect(view!.items.map((i) => [i.id, i.done])).toEqual([["job-title", false], ["start-date", false], ["contract", false], ["conduct", false]]);
    expect((await listAuditByTarget(user.id)).items[0]?.details).toMatchObject({ profileId: profile.id, templateId: template.id });
  });

  it("refuses a template of another profile type or an unknown one, creating nothing", async () => {
    const { template, user } = await setup();
    await expect(createProfileFromTemplate(user.id, { name: "P", type: "personal", customFields: {} }, template.id, ctx)).rejects.toBeInstanceOf(ValidationError);
    await expect(createProfileFromTemplate(user.id, { name: "P", type: "professional", customFields: {} }, "no-such-template", ctx)).rejects.toBeInstanceOf(ValidationError);
  });

  it("moves to 100% through a save, a document and an acknowledgement, each audited with the progress in its transaction", async () => {
    const { template, user, profile } = await setup();
    // An empty required field never fails the save; the item just stays open.
    const first = await saveProfile(profile, 1, { customFields: { jobTitle: "Engineer", startDate: "", team: "" } }, ctx);
    expect((await getProfile(profile.id, { consistent: true }))?.checklistProgress?.done).toBe(1);
    await saveProfile(first, 2, { customFields: { jobTitle: "Engineer", startDate: "2027-01-04", team: "" } }, ctx);
    expect((await getProfile(profile.id, { consistent: true }))?.checklistProgress?.done).toBe(2);

    const uploaded = await uploadContract(user, profile.id);
    expect(uploaded.ok).toBe(true);
    const afterUpload = await getProfile(profile.id, { consistent: true });
    expect(afterUpload?.checklistProgress?.done).toBe(3);
    expect(afterUpload?.checklistDocuments?.contract?.fileId).toBe(uploaded.ok ? uploaded.file.id : "");

    expect(await acknowledgeChecklistItem(user, profile.id, "conduct", { actorId: user.id, userAgent: "vitest" })).toBe("acknowledged");
    expect(await acknowledgeChecklistItem(user, profile.id, "conduct", { actorId: user.id, userAgent: "vitest" })).toBe("already");
    const view = await buildChecklistView(user, profile.id);
    expect(view).toMatchObject({ done: 4, total: 4, overdue: false });
    expect(view!.items.every((i) => i.done && i.doneAt)).toBe(true);
    expect(view!.items.find((i) => i.id === "conduct")).toMatchObject({ doneBy: user.name });
    const stored = await getProfile(profile.id, { consistent: true });
    expect(stored?.checklistProgress?.completedAt).toBeDefined();

    const actions = (await listAuditByTarget(user.id)).items.map((e) => e.action);
    expect(actions.filter((a) => a === "checklist.acknowledged")).toHaveLength(1);
    expect(actions).toEqual(expect.arrayContaining(["profile.updated", "file.uploaded"]));

    const done = await listTemplateProgress({ templateId: template.id, filter: "done", order: "desc" });
    expect(done.items.map((r) => [r.profileId, r.progress.done])).toEqual([[profile.id, 4]]);
    expect((await listTemplateProgress({ templateId: template.id, filter: "open", order: "asc" })).items).toEqual([]);
  });

  it("reopens a document item when its file is deleted, in the delete's transaction; a newer upload keeps it done", async () => {
    const { user, profile } = await setup();
    const first = await uploadContract(user, profile.id);
    const second = await uploadContract(user, profile.id);
    if (!first.ok || !second.ok) throw new Error("upload failed");
    expect((await getProfile(profile.id, { consistent: true }))?.checklistDocuments?.contract?.fileId).toBe(second.file.id);

    // The older file is not the one the checklist counts: deleting it changes nothing there.
    await deleteFile(first.file, ctx);
    expect((await getProfile(profile.id, { consistent: true }))?.checklistProgress?.done).toBe(1);

    // A failed delete leaves the file and the item as they were.
    const removeFailure = failTransactions();
    await expect(deleteFile(second.file, ctx)).rejects.toThrow("injected outage");
    removeFailure();
    expect(await getFile(second.file.id, { consistent: true })).not.toBeNull();
    expect((await getProfile(profile.id, { consistent: true }))?.checklistProgress?.done).toBe(1);

    await deleteFile(second.file, ctx);
    const after = await getProfile(profile.id, { consistent: true });
    expect(after?.checklistDocuments?.contract).toBeUndefined();
    expect(after?.checklistProgress?.done).toBe(0);
    const view = await buildChecklistView(user, profile.id);
    expect(view!.items.find((i) => i.id === "contract")).toMatchObject({ done: false });
  });

  it("changes nothing when the transaction fails: no acknowledgement, no progress, no entry", async () => {
    const { user, profile } = await setup();
    const before = await getProfile(profile.id, { consistent: true });
    const entries = (await listAuditByTarget(user.id)).items.length;
    const remove = failTransactions();
    try {
      await expect(acknowledgeChecklistItem(user, profile.id, "conduct", ctx)).rejects.toThrow("injected outage");
      await expect(saveProfile(profile, 1, { customFields: { jobTitle: "X", startDate: "", team: "" } }, ctx)).rejects.toThrow("injected outage");
    } finally {
      remove();
    }
    expect(await getProfile(profile.id, { consistent: true })).toEqual(before);
    expect((await listAuditByTarget(user.id)).items).toHaveLength(entries);
  });

  it("keeps the progress true when a save and an acknowledgement race", async () => {
    const { user, profile } = await setup();
    await Promise.all([
      saveProfile(profile, 1, { customFields: { jobTitle: "Engineer", startDate: "", team: "" } }, ctx),
      acknowledgeChecklistItem(user, profile.id, "conduct", ctx),
    ]);
    const stored = await getProfile(profile.id, { consistent: true });
    expect(stored?.checklistAcks?.conduct).toBeDefined();
    expect(stored?.customFields.jobTitle).toBe("Engineer");
    expect(stored?.checklistProgress?.done).toBe(2);
  });

  it("lets only the owner acknowledge, and answers foreign and tampered ids as missing", async () => {
    const { user, profile } = await setup();
    const stranger = await person();
    await expect(acknowledgeChecklistItem(stranger, profile.id, "conduct", ctx)).rejects.toBeInstanceOf(NotFoundError);
    await expect(buildChecklistView(stranger, profile.id)).rejects.toBeInstanceOf(NotFoundError);
    const manager = await person("manager");
    await expect(acknowledgeChecklistItem(manager, profile.id, "conduct", ctx)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(acknowledgeChecklistItem(user, "../../etc", "conduct", ctx)).rejects.toBeInstanceOf(NotFoundError);
    await expect(acknowledgeChecklistItem(user, profile.id, "job-title", ctx)).rejects.toBeInstanceOf(ValidationError);
    await expect(acknowledgeChecklistItem(user, profile.id, "nope", ctx)).rejects.toBeInstanceOf(ValidationError);
    // A document kind the checklist does not ask for is refused before any upload starts.
    await expect(
      startUpload(user, { purpose: "document", name: "x.pdf", type: "application/pdf", size: PDF.length, profileId: profile.id, documentKind: "passport" }, ctx),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      startUpload(stranger, { purpose: "document", name: "x.pdf", type: "application/pdf", size: PDF.length, profileId: profile.id, documentKind: "contract" }, ctx),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await getProfile(profile.id, { consistent: true }))?.checklistProgress?.done).toBe(0);
  });

  it("lists a template's progress in one DynamoDB call a page, overdue ones by key range", async () => {
    const { template } = await setup();
    const others = await Promise.all([1, 2].map(async () => createProfileFromTemplate((await person()).id, { name: "W", type: "professional", customFields: {} }, template.id, ctx)));
    const { result, calls } = await countCalls(() => listTemplateProgress({ templateId: template.id, filter: "all", order: "asc", limit: 2 }));
    expect(calls).toBe(1);
    expect(result.items).toHaveLength(2);
    const next = await listTemplateProgress({ templateId: template.id, filter: "all", order: "asc", limit: 2, cursor: result.nextCursor });
    expect(next.items).toHaveLength(1);
    expect((await listTemplateProgress({ templateId: template.id, filter: "overdue", order: "asc" })).items).toEqual([]);
    const later = new Date(Date.now() + 8 * 86_400_000);
    expect((await listTemplateProgress({ templateId: template.id, filter: "overdue", order: "asc" }, later)).items).toHaveLength(3);
    expect(others).toHaveLength(2);
  });
});
