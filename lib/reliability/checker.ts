// Reliability suite: the independent checker. It reads DynamoDB and S3 directly (Scans and
// listings, acceptable in a test) and none of the code under test's write paths, and judges the
// stored state against the invariants and against the journal of what callers were told.
import { isDeepStrictEqual } from "node:util";
import { scanTable } from "@/lib/db/scan-table";
import type { TableId } from "@/lib/db/tables";
import { finalUploadKey, isTempUploadKey, type UploadKeyFields } from "@/lib/s3/keys";
import { listObjects } from "@/lib/s3/list-objects";
import { objectExists } from "@/lib/s3/testing/objects";
import type { Claim, ExpectedAudit, OperationRecord } from "./journal";

type Item = Record<string, unknown>;

export interface CheckInput {
  records: OperationRecord[];
  /** The run's users' emails end in "@domain"; its audit entries have this actor. */
  domain: string;
  actorId: string;
}

export interface CheckReport {
  violations: string[];
  /** Acknowledged states the store does not hold (a subset of the violations). */
  lostWrites: string[];
  /** Operations refused with a verdict (conflict, not found) whose write had in fact landed. */
  misreported: string[];
  userIds: string[];
  users: number;
  profiles: number;
  files: number;
  auditEntries: number;
}

const scan = (id: TableId, filter?: { expression: string; values: Item }) => scanTable(id, { filter });
const objectKeys = async (prefix: string) => (await listObjects(prefix)).map((o) => o.key);

const groupBy = <T>(items: T[], key: (item: T) => string) => {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
};

function matches(entry: Item, expected: ExpectedAudit): boolean {
  if (entry.action !== expected.action) return false;
  if (expected.targetUserId !== undefined && entry.targetUserId !== expected.targetUserId) return false;
  const details = (entry.details ?? {}) as Item;
  return Object.entries(expected.details).every(([key, value]) => isSubset(details[key], value));
}

/** `actual` holds at least what `expected` says (objects compared key by key, the rest exactly). */
function isSubset(actual: unknown, expected: unknown): boolean {
  if (expected && typeof expected === "object" && !Array.isArray(expected)) {
    if (!actual || typeof actual !== "object") return false;
    return Object.entries(expected).every(([key, value]) => isSubset((actual as Item)[key], value));
  }
  return isDeepStrictEqual(actual, expected);
}

/** Whether the entries are exactly one of the allowed sets (each expected entry met once). */
function pairs(entries: Item[], allowed: ExpectedAudit[][]): boolean {
  return allowed.some((set) => {
    if (set.length !== entries.length) return false;
    const left = [...entries];
    return set.every((expected) => {
      const i = left.findIndex((entry) => matches(entry, expected));
      return i >= 0 && left.splice(i, 1).length === 1;
    });
  });
}

function checkEmails(users: Item[], guards: Item[], violations: string[]) {
  for (const [email, owners] of groupBy(users, (u) => String(u.email))) {
    if (owners.length > 1) violations.push(`email ${email} is held by ${owners.length} users`);
  }
  const usersById = new Map(users.map((u) => [String(u.id), u]));
  const guardByEmail = new Map(guards.map((g) => [String(g.email), g]));
  for (const guard of guards) {
    const user = usersById.get(String(guard.userId));
    if (!user || user.email !== guard.email) violations.push(`email guard ${String(guard.email)} names user ${String(guard.userId)}, whose email is ${String(user?.email)}`);
  }
  for (const user of users) {
    if (guardByEmail.get(String(user.email))?.userId !== user.id) violations.push(`user ${String(user.id)} (${String(user.email)}) has no guard item of its own`);
  }
}

function checkDefaults(users: Item[], profiles: Item[], violations: string[]) {
  const byUser = groupBy(profiles, (p) => String(p.userId));
  for (const user of users) {
    const own = byUser.get(String(user.id)) ?? [];
    const defaults = own.filter((p) => p.isDefault === true);
    for (const p of own) if ((p.defaultFlag === "1") !== (p.isDefault === true)) violations.push(`profile ${String(p.id)}: isDefault ${String(p.isDefault)} but defaultFlag ${String(p.defaultFlag)}`);
    if (own.length === 0) {
      if (user.defaultProfileId !== undefined) violations.push(`user ${String(user.id)} has no profiles but defaultProfileId ${String(user.defaultProfileId)}`);
    } else if (defaults.length !== 1 || defaults[0]!.id !== user.defaultProfileId) {
      violations.push(`user ${String(user.id)}: ${defaults.length} default profiles (${defaults.map((p) => p.id).join(",")}), user says ${String(user.defaultProfileId)}`);
    }
  }
  for (const [userId] of byUser) if (!users.some((u) => u.id === userId)) violations.push(`profiles of unknown user ${userId}`);
}

/** The user item's avatarKey is its default profile's ready avatar's key, or absent. */
function checkAvatars(users: Item[], profiles: Item[], files: Item[], violations: string[]) {
  const profilesById = new Map(profiles.map((p) => [String(p.id), p]));
  const filesById = new Map(files.map((f) => [String(f.id), f]));
  for (const user of users) {
    const avatarId = user.defaultProfileId === undefined ? undefined : profilesById.get(String(user.defaultProfileId))?.avatarFileId;
    const avatar = avatarId === undefined ? undefined : filesById.get(String(avatarId));
    const expected = avatar?.status === "ready" ? avatar.s3Key : undefined;
    if (user.avatarKey !== expected) violations.push(`user ${String(user.id)} shows avatar ${String(user.avatarKey)}, its default profile's is ${String(expected)}`);
  }
}

const REFUSALS = new Set(["ConflictError", "NotFoundError"]);

function checkAudits(records: OperationRecord[], entries: Item[], violations: string[], misreported: string[]) {
  const byTag = groupBy(entries, (e) => String(e.userAgent ?? "").replace(/^reliability /, ""));
  const tags = new Set(records.map((r) => r.tag));
  for (const [tag, own] of byTag) if (!tags.has(tag)) violations.push(`${own.length} audit entries (${own.map((e) => e.action).join(",")}) of no operation (${tag})`);
  for (const record of records) {
    const own = byTag.get(record.tag) ?? [];
    if (!pairs(own, record.audits)) {
      violations.push(`${record.kind} ${record.tag} (${record.outcome}${record.error ? `: ${record.error}` : ""}) wrote ${JSON.stringify(own.map((e) => ({ action: e.action, target: e.targetUserId, details: e.details })))}; allowed ${JSON.stringify(record.audits)}`);
    }
    if (record.stale && record.outcome === "ok") violations.push(`stale save ${record.kind} ${record.tag} was accepted`);
    // Refused as stale, or as gone when another client deleted the profile meanwhile.
    if (record.stale && record.outcome === "failed" && record.faults.length === 0 && !REFUSALS.has(record.errorName ?? "")) {
      violations.push(`stale save ${record.kind} ${record.tag} failed with ${record.errorName}, not ConflictError`);
    }
    if (record.outcome === "maybe" && REFUSALS.has(record.errorName ?? "") && own.length > 0) misreported.push(`${record.kind} ${record.tag}: ${record.error}`);
    if (record.errorName === "Hang") violations.push(`${record.kind} ${record.tag} hung`);
  }
  for (const entry of entries) {
    const changes = (entry.details as Item | undefined)?.changes;
    if (changes === undefined) continue;
    for (const [path, change] of Object.entries(changes as Item)) {
      if (!change || typeof change !== "object" || !("from" in change) || !("to" in change)) violations.push(`audit ${String(entry.id)} change ${path} lacks from/to: ${JSON.stringify(change)}`);
    }
  }
}

async function checkFiles(users: Item[], files: Item[], violations: string[]) {
  // A pending upload's final key may hold the copy of a completion that failed and could not
  // take it back: the pending item names it, and its expiry removes both (file-stream.ts).
  const named = new Set([...files.map((f) => String(f.s3Key)), ...files.filter((f) => f.status === "pending").map((f) => finalUploadKey(f as unknown as UploadKeyFields))]);
  for (const file of files) {
    if (file.status === "ready" && !(await objectExists(String(file.s3Key)))) violations.push(`ready file ${String(file.id)} has no object at ${String(file.s3Key)}`);
  }
  for (const user of users) {
    for (const key of await objectKeys(`users/${String(user.id)}/`)) {
      if (!isTempUploadKey(key) && !named.has(key)) violations.push(`object ${key} has no file metadata`);
    }
  }
}

/** The acknowledged states that are not (or no longer, without a later change) in the store. */
function checkClaims(records: OperationRecord[], users: Item[], profiles: Item[], files: Item[]): string[] {
  const lost: string[] = [];
  const rows = new Map([...users, ...profiles, ...files].map((item) => [String(item.id), item]));
  const deletable = new Set(records.filter((r) => r.outcome !== "failed").flatMap((r) => r.mayDelete));
  // A profile image made ready is replaced (its file item deleted) by the next one completed,
  // or deleted with its profile.
  const slotOf = (claim: Claim) => records.find((o) => o.claims.includes(claim))?.slot;
  const replacedBy = (claim: Claim) => records.some((r) => r.slot && r.outcome !== "failed" && r.slot === slotOf(claim) && !r.claims.includes(claim));
  const profileGone = (claim: Claim) => deletable.has(slotOf(claim)?.split("/")[0] ?? "");
  const latest = new Map<string, Claim>();
  for (const claim of records.flatMap((r) => r.claims)) {
    const before = latest.get(claim.id);
    const newer = "version" in claim && before && "version" in before ? claim.version > before.version : true;
    if (claim.entity === "profile-deleted" || claim.entity === "file-gone" || newer || !before) latest.set(claim.id, claim);
  }
  for (const claim of latest.values()) {
    const row = rows.get(claim.id);
    if (claim.entity === "profile-deleted" || claim.entity === "file-gone") {
      if (row) lost.push(`${claim.entity} ${claim.id} still exists`);
    } else if (claim.entity === "file-ready") {
      if (!row && (replacedBy(claim) || profileGone(claim))) continue;
      if (row?.status !== "ready" || row.s3Key !== claim.s3Key) lost.push(`file ${claim.id} acknowledged ready at ${claim.s3Key}, stored ${JSON.stringify(row && { status: row.status, s3Key: row.s3Key })}`);
    } else if (!row) {
      if (!deletable.has(claim.id)) lost.push(`${claim.entity} ${claim.id} acknowledged at version ${claim.version} is gone`);
    } else if (Number(row.version) < claim.version) {
      lost.push(`${claim.entity} ${claim.id} acknowledged at version ${claim.version}, stored version ${String(row.version)}`);
    } else if (Number(row.version) === claim.version && !isSubset(row, claim.fields)) {
      lost.push(`${claim.entity} ${claim.id} version ${claim.version} holds ${JSON.stringify(row)}, acknowledged ${JSON.stringify(claim.fields)}`);
    }
  }
  return lost;
}

export async function check({ records, domain, actorId }: CheckInput): Promise<CheckReport> {
  const suffix = `@${domain}`;
  const contains = "contains(email, :suffix)";
  const [users, guards, entries] = await Promise.all([
    scan("users", { expression: contains, values: { ":suffix": suffix } }),
    scan("userEmails", { expression: contains, values: { ":suffix": suffix } }),
    scan("auditLogs", { expression: "userId = :actor", values: { ":actor": actorId } }),
  ]);
  const ids = new Set(users.map((u) => String(u.id)));
  const [allProfiles, allFiles] = await Promise.all([scan("userProfiles"), scan("files")]);
  const profiles = allProfiles.filter((p) => ids.has(String(p.userId)));
  const files = allFiles.filter((f) => ids.has(String(f.uploadedBy)));

  const violations: string[] = [];
  checkEmails(users, guards, violations);
  checkDefaults(users, profiles, violations);
  checkAvatars(users, profiles, files, violations);
  const misreported: string[] = [];
  checkAudits(records, entries, violations, misreported);
  await checkFiles(users, files, violations);
  const lostWrites = checkClaims(records, users, profiles, files);
  violations.push(...lostWrites);
  return { violations, lostWrites, misreported, userIds: users.map((u) => String(u.id)), users: users.length, profiles: profiles.length, files: files.length, auditEntries: entries.length };
}
