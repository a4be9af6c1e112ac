// The bench's data, at full scale by default: 10,000 users (realistic names at a few domains,
// 1 in 50 a manager, 1 in 17 deactivated), 30,000 profiles with nested custom fields, 200,000
// audit entries of several kinds over 90 days, 5,000 file records, a template 1,000 users have
// started from, and sessions. Written in bulk (BatchWriteItem, 12 writers) past the repositories
// where volume needs it, then the derived items (word index, counts) are rebuilt; the template's
// profiles go through the app's own path so that their progress summaries are real.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";

export interface SeedCounts {
  users: number;
  profilesPerUser: number;
  audit: number;
  files: number;
  templateUsers: number;
  sessions: number;
}

export function countsFor(scale: number): SeedCounts {
  const users = Math.max(200, Math.round(10_000 * scale));
  return { users, profilesPerUser: 3, audit: Math.max(2_000, Math.round(200_000 * scale)), files: Math.max(300, Math.round(5_000 * scale)), templateUsers: Math.min(1_000, users), sessions: Math.min(2_000, users) };
}

const FIRST = ["Avery", "Blake", "Camille", "Dmitri", "Elif", "Farah", "Gustavo", "Hana", "Ignacio", "Jonas", "Keiko", "Léa", "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Søren", "Tomás", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zoë"];
const LAST = ["Abara", "Bergström", "Castillo", "Dubois", "Eriksen", "Fontaine", "García", "Hoffmann", "Ishikawa", "Jensen", "Kowalski", "Lindqvist", "Müller", "Nakamura", "Okafor", "Petrov", "Quispe", "Rivera", "Schmidt", "Tanaka", "Ulloa", "Varga", "Weber", "Xu", "Yilmaz", "Zielinski"];
const DOMAINS = ["acme.test", "globex.test", "initech.test", "umbrella.test"];
const DEPARTMENTS = ["Engineering", "Design", "Finance", "People", "Sales", "Support"];
const SKILLS = ["TypeScript", "Go", "SQL", "Figma", "Negotiation", "Kubernetes", "Excel", "Writing"];

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;

/** Custom fields as people fill them in: a few scalars, lists, and objects nested two or three deep. */
function customFields(i: number, j: number) {
  return {
    department: pick(DEPARTMENTS, i + j),
    title: pick(["Engineer", "Lead", "Analyst", "Manager"], i),
    startDate: `20${String(10 + (i % 15)).padStart(2, "0")}-0${1 + (i % 9)}-1${i % 10}`,
    skills: [pick(SKILLS, i), pick(SKILLS, i * 3 + j)],
    remote: i % 3 === 0,
    address: { street: `${1 + (i % 200)} Harbour Road`, city: pick(["Lisbon", "Oslo", "Osaka", "Lima"], i), postcode: String(10_000 + i), country: pick(["PT", "NO", "JP", "PE"], i) },
    emergencyContact: { name: `${pick(FIRST, i + 5)} ${pick(LAST, i + 9)}`, phone: `+351 91 ${String(1_000_000 + i).slice(-7)}`, relation: "partner" },
    preferences: { notifications: { email: true, sms: i % 2 === 0, digest: "weekly" }, language: pick(["en", "pt", "ja", "es"], i) },
    certifications: [{ name: "First aid", year: 2020 + (i % 6) }, ...(i % 2 ? [{ name: "Security awareness", year: 2024 }] : [])],
  };
}

async function batchWrite(tableName: string, items: Record<string, unknown>[]): Promise<void> {
  const { BatchWriteCommand } = await import("@aws-sdk/lib-dynamodb");
  const { db } = await import("@/lib/db/client");
  const chunks = Array.from({ length: Math.ceil(items.length / 25) }, (_, i) => items.slice(i * 25, i * 25 + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 12 }, async () => {
      while (next < chunks.length) {
        let pending: Record<string, unknown>[] = chunks[next++]!.map((Item) => ({ PutRequest: { Item } }));
        for (let round = 0; pending.length; round++) {
          if (round) await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 20 * 2 ** round)));
          const out = await db().send(new BatchWriteCommand({ RequestItems: { [tableName]: pending as never } }));
          pending = (out.UnprocessedItems?.[tableName] ?? []) as Record<string, unknown>[];
        }
      }
    }),
  );
}

/** Runs `work` over `items` with `width` at a time. */
async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

export interface Seeded {
  admin: { id: string; email: string };
  /** A plain user with profiles, files and activity, for the pages as a user sees them. */
  member: { id: string; email: string };
  /** Someone in the middle of the directory, for the user detail pages. */
  subject: { id: string };
  adminProfileId: string;
  templateId: string;
  counts: SeedCounts;
}

export async function seed(counts: SeedCounts, password: string): Promise<Seeded> {
  const { table } = await import("@/lib/db/client");
  const { createUser } = await import("@/lib/db/users");
  const { nameKey, DIRECTORY } = await import("@/lib/db/user-item");
  const { buildAuditItem } = await import("@/lib/db/audit");
  const { hashPassword } = await import("@/lib/auth/password");
  const { createProfile } = await import("@/lib/db/profiles");
  const { newSession } = await import("@/lib/db/sessions");
  const { keyOrder } = await import("@/lib/custom-fields/validation");
  const hash = await hashPassword(password);
  const admin = await createUser({ email: "bench-admin@prework.local", name: "Bench Admin", role: "admin", passwordHash: hash }, { actorId: "system" });
  const member = await createUser({ email: "bench-member@prework.local", name: "Bench Member", role: "user", passwordHash: hash }, { actorId: admin.id });

  const now = Date.now();
  const users = Array.from({ length: counts.users }, (_, i) => {
    const id = randomUUID();
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
    const name = `${first} ${last} ${i}`;
    const at = new Date(now - i * 60_000).toISOString();
    const email = `${first.normalize("NFKD").replace(/[^\w]/g, "").toLowerCase()}.${last.normalize("NFKD").replace(/[^\w]/g, "").toLowerCase()}${i}@${DOMAINS[i % DOMAINS.length]}`;
    return { id, email, name, role: i % 50 === 0 ? "manager" : "user", isActive: i % 17 !== 0, createdAt: at, updatedAt: at, version: 1, directory: DIRECTORY, nameKey: nameKey(name, id), lastSignInAt: at };
  });
  const profiles = users.flatMap((u, i) =>
    Array.from({ length: counts.profilesPerUser }, (_, j) => {
      const at = new Date(Date.parse(u.createdAt) + j * 1000).toISOString();
      const fields = customFields(i, j);
      return { id: randomUUID(), userId: u.id, name: ["Personal", "Work", "Side project"][j], type: ["personal", "professional", "custom"][j], customFields: fields, customFieldsOrder: JSON.stringify(keyOrder(fields)), isDefault: j === 0, defaultFlag: j === 0 ? "1" : "0", createdAt: at, updatedAt: at, version: 1 };
    }),
  );
  const withDefaults = users.map((u, i) => ({ ...u, defaultProfileId: profiles[i * counts.profilesPerUser]!.id, profileAdds: counts.profilesPerUser }));
  await batchWrite(table("users"), withDefaults);
  await batchWrite(table("userEmails"), users.map((u) => ({ email: u.email, userId: u.id })));
  // Seeded in bulk past the repository: the word index and the per-role counts are built after.
  const { rebuildUserSearch } = await import("@/lib/db/user-search-rebuild");
  await rebuildUserSearch();
  await batchWrite(table("userProfiles"), profiles);

  const everyone = [{ id: admin.id, role: "admin" }, { id: member.id, role: "user" }, ...users];
  const audit = Array.from({ length: counts.audit }, (_, i) => {
    const actor = everyone[i % 7 === 0 ? 0 : i % 5 === 0 ? 1 : 2 + (i % users.length)]!;
    const target = everyone[i % 11 === 0 ? 1 : 2 + ((i * 7) % users.length)]!;
    const at = new Date(now - Math.floor((i / counts.audit) * 90 * 86_400_000));
    const ctx = { actorId: actor.id, actorRole: actor.role as "admin" | "manager" | "user", ipAddress: i % 2 ? "192.0.2.1" : "2001:db8::1", userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36" };
    const kind = i % 4;
    if (kind === 0) return buildAuditItem(ctx, { action: "auth.signed_in", targetUserId: actor.id, details: { email: "someone@acme.test", sessionId: randomUUID() } }, at);
    if (kind === 1) {
      const profileId = profiles[(i * 3) % profiles.length]!.id;
      return buildAuditItem(ctx, { action: "profile.updated", targetUserId: target.id, details: { profileId, changes: { "customFields.title": { from: "Engineer", to: "Lead" }, "customFields.address.city": { from: "Oslo", to: "Lisbon" } }, affectedFields: ["customFields.title", "customFields.address.city"] } }, at);
    }
    if (kind === 2) return buildAuditItem(ctx, { action: "user.updated", targetUserId: target.id, details: { changes: { name: { from: "Old Name", to: "New Name" } }, affectedFields: ["name"] } }, at);
    return buildAuditItem(ctx, { action: "auth.signed_out", targetUserId: actor.id, details: {} }, at);
  });
  await batchWrite(table("auditLogs"), audit);

  // File records (metadata; the list pages read no objects): the member has a page and more.
  const owners = [member.id, admin.id, ...users.map((u) => u.id)];
  const files = Array.from({ length: counts.files }, (_, i) => {
    const owner = i < 120 ? member.id : i < 180 ? admin.id : owners[2 + (i % users.length)]!;
    const id = randomUUID();
    const image = i % 3 === 0;
    const name = image ? `photo-${i}.jpg` : `contract-${i}.pdf`;
    const at = new Date(now - i * 3_600_000).toISOString();
    return { id, originalName: name, displayName: name, mimeType: image ? "image/jpeg" : "application/pdf", size: 50_000 + i, s3Key: `users/${owner}/documents/${id}-${name}`, uploadedBy: owner, tags: i % 2 ? ["HR", "2026"] : ["contract"], isPublic: false, createdAt: at, updatedAt: at, status: "ready", purpose: "document", version: 1 };
  });
  await batchWrite(table("files"), files);

  // Sessions: some people signed in on a phone and a laptop.
  const sessions = users.slice(0, counts.sessions).flatMap((u) => [newSession(u.id, 0, { ipAddress: "192.0.2.7", userAgent: "Mozilla/5.0 (iPhone)" }).session, newSession(u.id, 0, { ipAddress: "198.51.100.3", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0" }).session]);
  await batchWrite(table("sessions"), sessions);

  // The people whose own pages are measured, through the app's paths.
  const adminProfile = await createProfile(admin.id, { name: "Work", type: "professional", customFields: customFields(1, 1) }, { actorId: admin.id });
  await createProfile(member.id, { name: "Personal", type: "personal", customFields: customFields(2, 0) }, { actorId: member.id });

  // A template many users have started a profile from: the progress view's cost must not grow with them.
  const { createTemplate } = await import("@/lib/templates/service");
  const { createProfileFromTemplate } = await import("@/lib/templates/template-profiles");
  const sample = JSON.parse(await readFile(path.resolve(__dirname, "../../lib/templates/sample-template.json"), "utf8")) as Parameters<typeof createTemplate>[0];
  const template = await createTemplate(sample, { actorId: admin.id });
  await inParallel([member, ...users.slice(0, counts.templateUsers - 1)], 8, (user) =>
    createProfileFromTemplate(user.id, { name: "Onboarding", type: "professional", customFields: {} }, template.id, { actorId: user.id }),
  );

  const subject = users[Math.floor(users.length / 2)]!;
  return { admin: { id: admin.id, email: admin.email }, member: { id: member.id, email: member.email }, subject: { id: subject.id }, adminProfileId: adminProfile.id, templateId: template.id, counts };
}
