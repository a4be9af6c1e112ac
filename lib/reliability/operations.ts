// Reliability suite: the workload. Concurrent clients make random calls of the same domain
// functions the server actions call (lib/actions/**), each recorded in the journal with what
// it should have produced. Each client draws from its own PRNG seeded from the run's seed, so a
// seed replays the same choices (the interleaving of clients is the machine's).
import { randomUUID } from "node:crypto";
import { createProfile, getProfile, listProfiles, makeDefaultProfile, type Profile, updateProfile } from "@/lib/db/profiles";
import { deleteProfileWithImages } from "@/lib/profiles/delete-profile";
import { getFile } from "@/lib/db/files";
import { createUser, getUser, setUserActive, updateUser, type NewUser } from "@/lib/db/users";
import { newInvite } from "@/lib/db/invites";
import type { JsonObject } from "@/lib/custom-fields/validation";
import { cancelUpload, completeUpload, startUpload } from "@/lib/uploads/service";
import type { User } from "@/lib/validation/users";
import type { Journal } from "./journal";

/** mulberry32: small, fast and enough to replay a run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LOCAL_PARTS = ["ann", "bob", "cy", "dee", "eve", "fay", "gus", "hal", "ivy", "jo", "kai", "lu", "max", "ned", "oz", "pam", "quin", "rae", "sol", "tia"];
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(120, 7)]);
const PDF = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(300, 32)]);

/** Ids the run's clients know about (acknowledged creates only), shared by all clients. */
export interface Known {
  users: string[];
  profiles: Map<string, string>;
}

interface Client {
  journal: Journal;
  known: Known;
  domain: string;
  random: () => number;
}

const pick = <T>(random: () => number, items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];

/** The same address in a random mix of cases (the app stores it lower-cased). */
function email(c: Client): string {
  const address = `${pick(c.random, LOCAL_PARTS)}@${c.domain}`;
  return [...address].map((ch) => (c.random() < 0.5 ? ch.toUpperCase() : ch)).join("");
}

function customFields(c: Client, tag: string): JsonObject {
  const fields: JsonObject = { note: tag };
  if (c.random() < 0.5) fields.department = pick(c.random, ["ops", "sales", "eng"])!;
  if (c.random() < 0.5) fields.level = Math.floor(c.random() * 5);
  if (c.random() < 0.3) fields.address = { city: pick(c.random, ["Oslo", "Lima"])!, zip: String(Math.floor(c.random() * 9999)) };
  // A theme now and then: the user item shows the default profile's (checker.ts checkShown).
  if (c.random() < 0.4) fields.preferences = { theme: pick(c.random, ["dark", "light"])! };
  return fields;
}

const userClaim = (u: User) => ({ entity: "user" as const, id: u.id, version: u.version, fields: { name: u.name, email: u.email, isActive: u.isActive } });
const profileClaim = (p: Profile) => ({ entity: "profile" as const, id: p.id, version: p.version, fields: { name: p.name, type: p.type, customFields: p.customFields } });

async function createUserOp(c: Client) {
  const input: NewUser = { email: email(c), name: `u ${c.journal.runTag} ${Math.floor(c.random() * 1e9)}`, role: "user" };
  const expected = { action: "user.created", details: { email: input.email.toLowerCase(), name: input.name, role: "user" } };
  // Half of them invited, as the create-user form makes them: invited until a password is set,
  // which moves their search items' status and the per-status counts with every later change.
  const id = randomUUID();
  const invite = c.random() < 0.5 ? newInvite(id, "invite") : null;
  const invited = invite ? [{ action: "user.invited", details: { expiresAt: invite.expiresAt } }] : [];
  const user = await c.journal.perform({
    kind: invite ? "user.create-invited" : "user.create",
    run: (ctx) => createUser(input, ctx, invite ? { id, invite: invite.put, inviteExpiresAt: invite.expiresAt } : {}),
    onOk: (u) => [[{ ...expected, targetUserId: u.id }, ...invited.map((e) => ({ ...e, targetUserId: u.id }))]],
    ifApplied: [[expected, ...invited]],
    claims: (u) => [userClaim(u)],
  });
  if (user) c.known.users.push(user.id);
}

/** An edit as the edit page makes it: read the user, save against the version read (or, stale, an older one). */
async function updateUserOp(c: Client, id: string) {
  const current = await getUser(id, { consistent: true });
  if (!current) return;
  const stale = current.version > 1 && c.random() < 0.2;
  const patch = { name: `n ${Math.floor(c.random() * 1e9)}`, ...(c.random() < 0.4 ? { email: email(c) } : {}) };
  const expected = { action: "user.updated", targetUserId: id, details: {} };
  await c.journal.perform({
    kind: stale ? "user.update-stale" : "user.update",
    stale,
    run: (ctx) => updateUser(id, stale ? current.version - 1 : current.version, patch, ctx),
    onOk: (u) => [[{ ...expected, details: { changes: { name: { from: current.name, to: u.name } } } }]],
    ifApplied: [[{ ...expected, details: {} }]],
    claims: (u) => [userClaim(u)],
  });
}

async function toggleUserOp(c: Client, id: string) {
  const current = await getUser(id, { consistent: true });
  if (!current) return;
  const action = current.isActive ? "user.deactivated" : "user.reactivated";
  await c.journal.perform({
    kind: action,
    run: (ctx) => setUserActive(id, current.version, !current.isActive, ctx),
    onOk: () => [[{ action, targetUserId: id, details: {} }]],
    ifApplied: [[{ action, targetUserId: id, details: {} }]],
    claims: (u) => [userClaim(u)],
  });
}

async function createProfileOp(c: Client, userId: string) {
  const name = `p ${Math.floor(c.random() * 1e9)}`;
  const input = { name, type: pick(c.random, ["personal", "professional", "custom"] as const)!, customFields: customFields(c, name) };
  const expected = { action: "profile.created", targetUserId: userId, details: { name, type: input.type } };
  const profile = await c.journal.perform({
    kind: "profile.create",
    run: (ctx) => createProfile(userId, input, ctx),
    onOk: (p) => [[{ ...expected, details: { ...expected.details, profileId: p.id, isDefault: p.isDefault } }]],
    ifApplied: [[expected]],
    claims: (p) => [profileClaim(p)],
  });
  if (profile) c.known.profiles.set(profile.id, userId);
}

async function updateProfileOp(c: Client, id: string, userId: string) {
  const current = await getProfile(id, { consistent: true });
  if (!current) return;
  const stale = current.version > 1 && c.random() < 0.2;
  const patch = { name: `p ${Math.floor(c.random() * 1e9)}`, customFields: customFields(c, `edit ${Math.floor(c.random() * 1e9)}`) };
  const expected = { action: "profile.updated", targetUserId: userId, details: { profileId: id } };
  await c.journal.perform({
    kind: stale ? "profile.update-stale" : "profile.update",
    stale,
    run: (ctx) => updateProfile(id, stale ? current.version - 1 : current.version, patch, ctx),
    onOk: () => [[expected]],
    ifApplied: [[expected]],
    claims: (p) => [profileClaim(p)],
  });
}

async function deleteProfileOp(c: Client, id: string, userId: string) {
  const expected = { action: "profile.deleted", targetUserId: userId, details: { profileId: id } };
  await c.journal.perform({
    kind: "profile.delete",
    run: (ctx) => deleteProfileWithImages(id, ctx),
    onOk: () => [[expected]],
    ifApplied: [[expected]],
    claims: () => [{ entity: "profile-deleted", id }],
    mayDelete: [id],
  });
  c.known.profiles.delete(id);
}

async function makeDefaultOp(c: Client, id: string, userId: string) {
  const expected = { action: "profile.default_changed", targetUserId: userId, details: { profileId: id } };
  await c.journal.perform({
    kind: "profile.make-default",
    run: (ctx) => makeDefaultProfile(id, ctx),
    // Already the default: nothing to change, nothing to audit.
    onOk: () => [[expected], []],
    ifApplied: [[expected]],
  });
}

const put = (url: string, type: string, body: Buffer) => fetch(url, { method: "PUT", headers: { "Content-Type": type }, body: new Uint8Array(body) });

/** One upload from start to its end: completed (optionally with the URL used again), abandoned, cancelled, or completed without a PUT. */
async function uploadOp(c: Client, userId: string) {
  const owner = await getUser(userId, { consistent: true });
  if (!owner) return;
  const profiles = await listProfiles(userId);
  const avatarOf = c.random() < 0.4 ? pick(c.random, profiles) : undefined;
  const [body, type] = avatarOf ? [PNG, "image/png"] : [PDF, "application/pdf"];
  const name = `f${Math.floor(c.random() * 1e9)}.${avatarOf ? "png" : "pdf"}`;
  const request = { purpose: avatarOf ? ("avatar" as const) : ("document" as const), name, type, size: body.length, ...(avatarOf ? { profileId: avatarOf.id } : {}) };
  const started = { action: "file.upload_started", targetUserId: userId, details: { name, purpose: request.purpose, size: body.length } };
  const upload = await c.journal.perform({
    kind: "file.start",
    run: (ctx) => startUpload(owner, request, ctx),
    onOk: (u) => [[{ ...started, details: { ...started.details, fileId: u.fileId } }]],
    ifApplied: [[started]],
  });
  if (!upload) return;
  const ending = c.random();
  if (ending < 0.15) return; // abandoned: the pending record waits for its TTL
  const skipPut = ending < 0.25;
  if (!skipPut) {
    const answer = await put(upload.uploadUrl, type, body);
    // The browser's PUT failing is a case the app must survive (the completion then finds no
    // object), not the suite's failure; each one is reported in the summary with S3's answer.
    if (answer.status !== 200) c.journal.refusedPuts.push(`${answer.status} ${(await answer.text()).replace(/\s+/g, " ").slice(0, 200)}`);
  }
  const file = await getFile(upload.fileId, { consistent: true });
  if (!file) return;
  const fileId = file.id;
  const uploaded = { action: "file.uploaded", targetUserId: userId, details: { fileId } };
  const rejected = { action: "file.upload_rejected", targetUserId: userId, details: { fileId } };
  if (ending < 0.4) {
    await c.journal.perform({
      kind: "file.cancel",
      run: (ctx) => cancelUpload(file, "cancelled", ctx),
      onOk: () => [[rejected]],
      ifApplied: [[rejected]],
      claims: () => [{ entity: "file-gone", id: fileId }],
    });
    return;
  }
  const result = await c.journal.perform({
    kind: skipPut ? "file.complete-missing" : "file.complete",
    slot: avatarOf ? `${avatarOf.id}/avatar` : undefined,
    run: (ctx) => completeUpload(file, ctx),
    onOk: (r) => [[r.ok ? { ...uploaded, details: { fileId, s3Key: r.file.s3Key } } : rejected]],
    ifApplied: [[uploaded], [rejected]],
    claims: (r) => [r.ok ? { entity: "file-ready", id: fileId, s3Key: r.file.s3Key } : { entity: "file-gone", id: fileId }],
  });
  // The browser uses the presigned URL again after completion: the object lands in the temp
  // area again, with no upload in flight (storage:check's "stale temp object").
  if (result?.ok && ending > 0.85) await put(upload.uploadUrl, type, body);
}

/** One random operation by one client. */
export async function randomOperation(c: Client): Promise<void> {
  const userId = pick(c.random, c.known.users);
  const profileEntries = [...c.known.profiles];
  const [profileId, profileUser] = pick(c.random, profileEntries) ?? [];
  const roll = c.random();
  if (!userId || roll < 0.12) return createUserOp(c);
  if (roll < 0.27) return updateUserOp(c, userId);
  if (roll < 0.34) return toggleUserOp(c, userId);
  if (roll < 0.5 || !profileId || !profileUser) return createProfileOp(c, userId);
  if (roll < 0.64) return updateProfileOp(c, profileId, profileUser);
  if (roll < 0.7) return deleteProfileOp(c, profileId, profileUser);
  if (roll < 0.8) return makeDefaultOp(c, profileId, profileUser);
  return uploadOp(c, userId);
}

export interface WorkloadOptions {
  seed: number;
  operations: number;
  clients: number;
  domain: string;
}

/** Runs `clients` concurrent loops until the journal holds `operations` operations. */
export async function runWorkload(journal: Journal, options: WorkloadOptions): Promise<Known> {
  const known: Known = { users: [], profiles: new Map() };
  await Promise.all(
    Array.from({ length: options.clients }, async (_, i) => {
      const client: Client = { journal, known, domain: options.domain, random: prng(options.seed * 31 + i) };
      while (journal.records.length < options.operations) await randomOperation(client);
    }),
  );
  return known;
}
