import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { appendAudit, auditPut } from "@/lib/db/audit";
import { dailyActivity } from "@/lib/db/audit-stats";
import { getFile } from "@/lib/db/files";
import { createProfile } from "@/lib/db/profiles";
import { countCalls } from "@/lib/db/testing/sdk-middleware";
import { transact } from "@/lib/db/transact";
import { createUser } from "@/lib/db/users";
import { createProfileFromTemplate } from "@/lib/templates/checklist";
import { createTemplate } from "@/lib/templates/service";
import { completeUpload, startUpload } from "@/lib/uploads/service";
import type { Role } from "@/lib/validation/users";
import { loadHome } from "./home";

// The home page's data against the real DynamoDB Local and s3rver, its DynamoDB calls counted
// by SDK middleware on the real client. A page request adds the session's one BatchGet
// (lib/db/sessions.ts getSignedIn, which also brings the theme) to what loadHome makes, so
// loadHome may make 3.

const ctx = { actorId: "home-test", userAgent: "vitest" };
const PDF = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(300, 32)]);
const person = (role: Role) => createUser({ email: `home-${randomUUID()}@example.com`, name: `Noor ${role}`, role }, ctx);

const templateDoc = (title: string) => ({
  schemaVersion: 1,
  title,
  profileType: "professional",
  fields: [{ key: "jobTitle", label: "Job title", type: "text", required: true }],
  checklist: [
    { id: "job-title", kind: "field", label: "Job title filled in", fieldKey: "jobTitle" },
    { id: "conduct", kind: "acknowledgement", label: "Code of conduct read", statement: "I have read it." },
  ],
});

async function upload(user: Awaited<ReturnType<typeof person>>, name: string) {
  const started = await startUpload(user, { purpose: "document", name, type: "application/pdf", size: PDF.length }, { ...ctx, actorId: user.id, actorRole: user.role });
  const put = await fetch(started.uploadUrl, { method: "PUT", headers: { "Content-Type": "application/pdf" }, body: new Uint8Array(PDF) });
  expect(put.status).toBe(200);
  const done = await completeUpload((await getFile(started.fileId, { consistent: true }))!, { ...ctx, actorId: user.id, actorRole: user.role });
  expect(done.ok).toBe(true);
}

describe("home", () => {
  it("shows a plain user's profiles with completeness, open checklist items, recent activity and files in 3 calls", async () => {
    const user = await person("user");
    const own = { ...ctx, actorId: user.id, actorRole: user.role };
    const template = await createTemplate(templateDoc(`Onboarding ${randomUUID().slice(0, 6)}`), ctx);
    // Two profiles of the same template: its labels come from the profiles, no template is read.
    await createProfile(user.id, { name: "Personal", type: "personal", customFields: { city: "Oslo" } }, own);
    await createProfileFromTemplate(user.id, { name: "Work", type: "professional", customFields: {} }, template.id, own);
    await createProfileFromTemplate(user.id, { name: "Contract", type: "professional", customFields: { jobTitle: "Engineer" } }, template.id, own);
    for (const name of ["one.pdf", "two.pdf", "three.pdf", "four.pdf", "five.pdf", "six.pdf"]) await upload(user, name);

    const { result: home, calls } = await countCalls(() => loadHome(user));
    expect(calls).toBeLessThanOrEqual(3);
    expect(home.profiles.map((p) => [p.name, p.completeness.percent])).toEqual([
      ["Personal", 33],
      ["Work", 0],
      ["Contract", 40],
    ]);
    expect(home.profiles[0]!.completeness.missing).toEqual(["an avatar", "a background image"]);
    expect(home.checklists.map((c) => [c.profileName, c.templateTitle, c.done, c.total, c.open.map((i) => i.label)])).toEqual([
      ["Work", template.title, 0, 2, ["Job title filled in", "Code of conduct read"]],
      ["Contract", template.title, 1, 2, ["Code of conduct read"]],
    ]);
    expect(home.files?.map((f) => f.name)).toEqual(["six.pdf", "five.pdf", "four.pdf", "three.pdf", "two.pdf"]);
    expect(home.activity).toHaveLength(5);
    expect(home.activity[0]!.sentence).toContain(user.name);
    expect(home.chart).toBeNull();
  });

  it("keeps admins and managers within 3 calls, with the chart instead of files", async () => {
    for (const role of ["admin", "manager"] as const) {
      const viewer = await person(role);
      await createProfile(viewer.id, { name: "Main", type: "personal", customFields: {} }, { ...ctx, actorId: viewer.id, actorRole: role });
      const { result: home, calls } = await countCalls(() => loadHome(viewer));
      expect(calls).toBeLessThanOrEqual(3);
      expect(home.chart).toHaveLength(30);
      expect(home.files).toBeNull();
      expect(home.profiles.map((p) => p.name)).toEqual(["Main"]);
    }
  });

  it("counts for a manager only the entries a manager may see (not what admins did)", async () => {
    const at = new Date(Date.now() - 21 * 86_400_000);
    const index = 30 - 1 - 21;
    const admin = { actorId: "home-admin", actorRole: "admin" };
    const manager = { actorId: "home-manager", actorRole: "manager" };
    const [allBefore, managerBefore] = await Promise.all([dailyActivity(30), dailyActivity(30, new Date(), { hiddenActorRoles: ["admin"] })]);
    const fail = (codes: string[]) => new Error(codes.join(","));
    await transact([auditPut(admin, { action: "user.deactivated", details: {} }, at), auditPut(admin, { action: "user.reactivated", details: {} }, at)], fail);
    await transact([auditPut(manager, { action: "user.deactivated", details: {} }, at)], fail);
    await appendAudit({ actorId: "system" }, { action: "auth.signed_out", details: {} });
    const [allAfter, managerAfter] = await Promise.all([dailyActivity(30), dailyActivity(30, new Date(), { hiddenActorRoles: ["admin"] })]);
    expect(allAfter[index]!.users - allBefore[index]!.users).toBe(3);
    expect(managerAfter[index]!.users - managerBefore[index]!.users).toBe(1);
  });
});
