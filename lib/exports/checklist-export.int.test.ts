import { randomUUID } from "node:crypto";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import { GET as publicLink } from "@/app/f/[id]/route";
import { fileSubject } from "@/lib/auth/subjects";
import { listAuditByActor } from "@/lib/db/audit";
import { getFile, listFiles } from "@/lib/db/files";
import { createProfile } from "@/lib/db/profiles";
import { aroundRequests } from "@/lib/db/testing/sdk-middleware";
import { createUser } from "@/lib/db/users";
import { NotFoundError } from "@/lib/errors";
import { bucket, s3 } from "@/lib/s3/client";
import { listObjects } from "@/lib/s3/list-objects";
import { objectExists } from "@/lib/s3/testing/objects";
import { checkStorage, isClean } from "@/lib/storage/storage-check";
import type { ChecklistView } from "@/lib/templates/checklist-view";
import type { Role, User } from "@/lib/validation/users";
import { exportChecklist, exportChecklistFor, exportFileId } from "./checklist-export";

// Against DynamoDB Local and s3rver (scripts/vitest-global-setup.ts). Faults are injected on the
// real DynamoDB client (lib/db/testing/sdk-middleware.ts).

const setup = { actorId: "checklist-export-test" };
const person = (role: Role, name = `A ${role}`) => createUser({ email: `${role}-${randomUUID()}@exports.test`, name, role }, setup);
const as = (user: User) => ({ actorId: user.id, actorRole: user.role, userAgent: "vitest" });

async function ownerWithProfile(name = "Zoë Ångström-Núñez") {
  const owner = await person("user", name);
  const profile = await createProfile(owner.id, { name: "Work in Zürich", type: "professional", customFields: {} }, setup);
  const view: ChecklistView = {
    userId: owner.id,
    userName: owner.name,
    profileId: profile.id,
    profileName: profile.name,
    templateId: randomUUID(),
    templateTitle: "Onboarding",
    items: [
      { id: "f1", kind: "field", label: "Emergency contact", done: true, doneAt: "2026-12-01T09:15:00.000Z" },
      { id: "a1", kind: "acknowledgement", label: "Safety rules read", done: true, doneAt: "2026-12-02T10:00:00.000Z", doneBy: "דוד כהן" },
      { id: "d1", kind: "document", label: "Signed contract", done: false },
    ],
    done: 2,
    total: 3,
    overdue: false,
  };
  return { owner, profile, view };
}

const exportsOf = async (userId: string) => (await listObjects(`users/${userId}/exports/`)).map((o) => o.key).sort();
const auditOf = async (actorId: string) => (await listAuditByActor(actorId)).items.filter((e) => e.action === "checklist.exported");
const at = (time: string) => new Date(`2026-12-03T${time}:00.000Z`);

async function pdfText(bytes: Uint8Array): Promise<string> {
  const parser = new PDFParse({ data: bytes });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

async function objectBytes(key: string): Promise<Uint8Array> {
  const out = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
  return out.Body!.transformToByteArray();
}

/** Makes every TransactWriteItems fail (before sending), or answer with an error after it was written ("lost"). */
function failTransactions(mode: "refused" | "lost"): () => void {
  return aroundRequests(async (input, send) => {
    if (!("TransactItems" in input)) return send(input);
    if (mode === "lost") await send(input);
    throw Object.assign(new Error(`injected ${mode} transaction`), { name: "InternalServerError" });
  });
}

describe("exportChecklist", { timeout: 60_000 }, () => {
  it("stores the PDF under the owner's exports, with file metadata and one audit entry, and offers it as a download", async () => {
    const { owner, view } = await ownerWithProfile();
    const result = await exportChecklist(view, { audit: as(owner), now: at("19:05") });

    expect(result.replaced).toBe(false);
    expect(result.date).toBe("2026-12-03");
    expect(result.fileName).toBe("checklist-2026-12-03.pdf");
    expect(result.file.s3Key).toMatch(new RegExp(`^users/${owner.id}/exports/checklist-2026-12-03-[0-9a-f-]{36}\\.pdf$`));
    expect(await exportsOf(owner.id)).toEqual([result.file.s3Key]);

    const stored = await getFile(result.file.id, { consistent: true });
    expect(stored).toEqual(result.file);
    expect(stored).toMatchObject({ id: exportFileId(owner.id, "2026-12-03"), purpose: "export", status: "ready", mimeType: "application/pdf", uploadedBy: owner.id, isPublic: false, version: 1 });
    const bytes = await objectBytes(result.file.s3Key);
    expect(stored!.size).toBe(bytes.length);
    expect((await listFiles(owner.id)).items.map((f) => f.id)).toContain(result.file.id);

    const entries = await auditOf(owner.id);
    expect(entries.map((e) => [e.targetUserId, e.details])).toEqual([
      [owner.id, { fileId: result.file.id, profileId: view.profileId, templateId: view.templateId, templateTitle: "Onboarding", date: "2026-12-03", s3Key: result.file.s3Key, size: bytes.length, replaced: false }],
    ]);

    // The download: a presigned GET that saves the PDF under its day's name.
    const response = await fetch(result.url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain('attachment; filename="checklist-2026-12-03.pdf"');
    const text = await pdfText(new Uint8Array(await response.arrayBuffer()));
    for (const expected of ["Zoë Ångström-Núñez", "Work in Zürich", "Emergency contact", "2 of 3 items done", "Exported 2026-12-03 19:05 UTC", "דוד כהן"]) expect(text).toContain(expected);
  });

  it("a second export on the same day replaces that day's file: one item, the new object, the old one deleted, and it says so", async () => {
    const { owner, view } = await ownerWithProfile();
    const first = await exportChecklist(view, { audit: as(owner), now: at("09:00") });
    const second = await exportChecklist({ ...view, done: 3, items: view.items.map((i) => ({ ...i, done: true, doneAt: i.doneAt ?? "2026-12-03T12:00:00.000Z" })) }, { audit: as(owner), now: at("15:30") });

    expect(second.replaced).toBe(true);
    expect(second.file.id).toBe(first.file.id);
    expect(second.file.version).toBe(2);
    expect(second.file.s3Key).not.toBe(first.file.s3Key);
    expect(await exportsOf(owner.id)).toEqual([second.file.s3Key]);
    expect((await listFiles(owner.id)).items.filter((f) => f.purpose === "export")).toEqual([second.file]);
    expect(await pdfText(await objectBytes(second.file.s3Key))).toContain("3 of 3 items done");
    expect((await auditOf(owner.id)).map((e) => e.details.replaced).sort()).toEqual([false, true]);
    // storage:check sees the bucket and the table in step: no object without its item, no item without its object.
    expect(isClean(await checkStorage({ userIds: new Set([owner.id]) }))).toBe(true);

    // The next day is a file of its own.
    const nextDay = await exportChecklist(view, { audit: as(owner), now: new Date("2026-12-04T08:00:00.000Z") });
    expect(nextDay.replaced).toBe(false);
    expect(nextDay.file.id).not.toBe(first.file.id);
    expect(await exportsOf(owner.id)).toHaveLength(2);
  });

  it("a refused transaction leaves no metadata, no audit entry and no object", async () => {
    const { owner, view } = await ownerWithProfile();
    const restore = failTransactions("refused");
    try {
      await expect(exportChecklist(view, { audit: as(owner), now: at("10:00") })).rejects.toThrow("injected refused transaction");
    } finally {
      restore();
    }
    expect(await getFile(exportFileId(owner.id, "2026-12-03"), { consistent: true })).toBeNull();
    expect(await auditOf(owner.id)).toEqual([]);
    expect(await exportsOf(owner.id)).toEqual([]);
  });

  it("a refused replacement keeps the day's earlier export as it was: item, object and entries", async () => {
    const { owner, view } = await ownerWithProfile();
    const first = await exportChecklist(view, { audit: as(owner), now: at("09:00") });
    const restore = failTransactions("refused");
    try {
      await expect(exportChecklist(view, { audit: as(owner), now: at("11:00") })).rejects.toThrow("injected refused transaction");
    } finally {
      restore();
    }
    expect(await getFile(first.file.id, { consistent: true })).toEqual(first.file);
    expect(await exportsOf(owner.id)).toEqual([first.file.s3Key]);
    expect((await objectBytes(first.file.s3Key)).length).toBe(first.file.size);
    expect(await auditOf(owner.id)).toHaveLength(1);
  });

  it("a transaction whose answer was lost after it was written counts as done, once", async () => {
    const { owner, view } = await ownerWithProfile();
    const restore = failTransactions("lost");
    let result: Awaited<ReturnType<typeof exportChecklist>>;
    try {
      result = await exportChecklist(view, { audit: as(owner), now: at("10:00") });
    } finally {
      restore();
    }
    expect(await getFile(result.file.id, { consistent: true })).toMatchObject({ s3Key: result.file.s3Key, status: "ready" });
    expect(await objectExists(result.file.s3Key)).toBe(true);
    expect(await auditOf(owner.id)).toHaveLength(1);
  });

  it("two exports at the same moment both end well, and the day keeps one file with one object", async () => {
    const { owner, view } = await ownerWithProfile();
    const results = await Promise.all([exportChecklist(view, { audit: as(owner), now: at("13:00") }), exportChecklist(view, { audit: as(owner), now: at("13:00") })]);
    const stored = await getFile(results[0].file.id, { consistent: true });
    expect(stored!.version).toBe(2);
    expect(await exportsOf(owner.id)).toEqual([stored!.s3Key]);
    expect(isClean(await checkStorage({ userIds: new Set([owner.id]) }))).toBe(true);
    expect(results.map((r) => r.replaced).sort()).toEqual([false, true]);
    expect(await auditOf(owner.id)).toHaveLength(2);
  });
});

describe("exportChecklistFor: who may export, and who may read an export", { timeout: 60_000 }, () => {
  it("lets the owner export, and managers and admins export a user's checklist", async () => {
    const { owner, view } = await ownerWithProfile();
    const manager = await person("manager");
    const admin = await person("admin");
    expect((await exportChecklistFor(owner, view, { audit: as(owner), now: at("08:00") })).replaced).toBe(false);
    expect((await exportChecklistFor(manager, view, { audit: as(manager), now: at("08:01") })).replaced).toBe(true);
    expect((await exportChecklistFor(admin, view, { audit: as(admin), now: at("08:02") })).replaced).toBe(true);
    // Stored in the owner's space, the entries name who acted and whose checklist it was.
    expect((await auditOf(manager.id)).map((e) => e.targetUserId)).toEqual([owner.id]);
    expect(await exportsOf(manager.id)).toEqual([]);
    expect(await exportsOf(owner.id)).toHaveLength(1);
  });

  it("refuses another user, and a view that names someone else's profile, like a missing profile, writing nothing", async () => {
    const { owner, view } = await ownerWithProfile();
    const stranger = await person("user");
    const strangerSetup = await ownerWithProfile("Someone else");
    const manager = await person("manager");
    const otherAdmin = await person("admin");
    await expect(exportChecklistFor(stranger, view, { audit: as(stranger) })).rejects.toThrow(NotFoundError);
    // Own user id with a foreign profile id: the view does not belong together.
    await expect(exportChecklistFor(stranger, { ...view, userId: stranger.id }, { audit: as(stranger) })).rejects.toThrow(NotFoundError);
    // A profile id with another owner than the view says.
    await expect(exportChecklistFor(owner, { ...view, profileId: strangerSetup.profile.id }, { audit: as(owner) })).rejects.toThrow(NotFoundError);
    // A manager may not export an admin's checklist.
    const adminProfile = await createProfile(otherAdmin.id, { name: "Admin work", type: "professional", customFields: {} }, setup);
    await expect(exportChecklistFor(manager, { ...view, userId: otherAdmin.id, profileId: adminProfile.id }, { audit: as(manager) })).rejects.toThrow(NotFoundError);
    expect(await auditOf(stranger.id)).toEqual([]);
    expect(await auditOf(manager.id)).toEqual([]);
    expect(await exportsOf(owner.id)).toEqual([]);
    expect(await exportsOf(stranger.id)).toEqual([]);
  });

  it("another user cannot read an export by its (computable) id, through the files guard or the public link, nor guess its key", async () => {
    const { owner, view } = await ownerWithProfile();
    const stranger = await person("user");
    const done = await exportChecklist(view, { audit: as(owner), now: at("12:00") });
    const guessedId = exportFileId(owner.id, "2026-12-03");
    expect(guessedId).toBe(done.file.id);

    // The download action's guard (lib/actions/files/file-actions.ts downloadUrlAction → fileSubject).
    await expect(fileSubject(stranger, guessedId)).rejects.toThrow(NotFoundError);
    await expect(fileSubject(owner, guessedId)).resolves.toMatchObject({ file: { id: guessedId } });
    // The public link answers 404 for a file that is not public.
    const response = await publicLink(new Request(`http://localhost/f/${guessedId}`), { params: Promise.resolve({ id: guessedId }) });
    expect(response.status).toBe(404);
    // The key holds a random id of its rendering: the spec's name alone finds nothing.
    expect(await objectExists(`users/${owner.id}/exports/checklist-2026-12-03.pdf`)).toBe(false);
    const again = await exportChecklist(view, { audit: as(owner), now: at("12:01") });
    expect(again.file.s3Key).not.toBe(done.file.s3Key);
  });
});
