import "server-only";
import { type AuditLog, type IndexRead, keyAfter, monthPositionAfter, readAuditIndex, readAuditMonths } from "@/lib/db/audit";
import { decodeCursor, encodeCursor } from "@/lib/db/cursor";
import { INDEX } from "@/lib/db/tables";
import { getProfileNames } from "@/lib/db/profiles";
import { getUsersByIds } from "@/lib/db/users";
import { type User } from "@/lib/validation/users";
import { ForbiddenError } from "@/lib/errors";
import { auditVisibility, can } from "@/lib/auth/permissions";
import { AUDIT_CATALOGUE, isAuditAction } from "./catalogue";
import { normaliseIpAddress } from "./ip-address";
import { auditSentence, needsProfileLookup } from "./sentences";
import { describeUserAgent } from "./user-agent";
import { avatarPath } from "@/lib/users/avatar-path";
import type { TimelineEntryView, TimelineFilter, TimelineSubject, TimelineViewPage } from "@/lib/types/timeline";

const avatarOf = (user: User | undefined) => (user ? avatarPath(user) : null);

// Timelines: one or more newest-first streams of entries (an index partition each, or the
// month buckets of Timestamp-Index for "everything"), merged by time. The cursor keeps each
// stream's position, so a page costs one read per stream whatever its depth. What a viewer may
// see (docs/architecture.md §2) is part of every read's filter, not applied afterwards.

/** Where a stream resumes: `{}` from its start, null when it has nothing more. */
type Position = Record<string, unknown> | null;

const startKeyOf = (position: Position | undefined) => (position && Object.keys(position).length ? position : undefined);

interface Stream {
  read(position: Position | undefined, limit: number): Promise<{ items: AuditLog[]; exhausted: boolean }>;
  after(entry: AuditLog): Position;
}

function indexStream(base: Omit<IndexRead, "startKey" | "limit">): Stream {
  return {
    read: (position, limit) => readAuditIndex({ ...base, startKey: startKeyOf(position), limit }),
    after: (entry) => keyAfter(base.index, entry),
  };
}

/** Everything, newest first: month buckets from the newest (or `to`) back to the horizon. */
function recentStream(base: Omit<IndexRead, "startKey" | "limit" | "index" | "partition">): Stream {
  return {
    read(position, limit) {
      const month = typeof position?.month === "string" ? position.month : undefined;
      const key = (position?.key as Record<string, unknown> | undefined) ?? undefined;
      return readAuditMonths({ ...base, limit }, month ? { month, key } : undefined);
    },
    after: monthPositionAfter,
  };
}

function visibilityAndFilters(viewer: User, filter: TimelineFilter, skip: { actor?: boolean; target?: boolean; action?: boolean }) {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const visibility = auditVisibility(viewer);
  if (visibility.scope === "all") {
    visibility.hiddenActorRoles.forEach((role, i) => {
      parts.push(`(attribute_not_exists(actorRole) OR actorRole <> :hiddenRole${i})`);
      values[`:hiddenRole${i}`] = role;
    });
  }
  if (filter.actorId && !skip.actor) {
    parts.push("userId = :actorId");
    values[":actorId"] = filter.actorId;
  }
  if (filter.targetUserId && !skip.target) {
    parts.push("targetUserId = :targetId");
    values[":targetId"] = filter.targetUserId;
  }
  if (filter.actions?.length && !skip.action) {
    names["#action"] = "action";
    parts.push(`#action IN (${filter.actions.map((_, i) => `:a${i}`).join(", ")})`);
    filter.actions.forEach((a, i) => (values[`:a${i}`] = a));
  }
  return parts.length ? { expression: parts.join(" AND "), names, values } : undefined;
}

function streamsFor(viewer: User, subject: TimelineSubject, filter: TimelineFilter): Stream[] {
  const range = { from: filter.from, to: filter.to };
  if (subject.kind === "user") {
    // By them, and done to them by someone else (their own acts are in the first stream).
    const byThem = indexStream({ index: INDEX.auditLogs.byActor, partition: subject.userId, ...range, filter: visibilityAndFilters(viewer, filter, {}) });
    const toThem = indexStream({ index: INDEX.auditLogs.byTarget, partition: subject.userId, ...range, filter: visibilityAndFilters(viewer, filter, {}) });
    return [byThem, toThem];
  }
  if (filter.actorId) {
    return [indexStream({ index: INDEX.auditLogs.byActor, partition: filter.actorId, ...range, filter: visibilityAndFilters(viewer, filter, { actor: true }) })];
  }
  if (filter.targetUserId) {
    return [indexStream({ index: INDEX.auditLogs.byTarget, partition: filter.targetUserId, ...range, filter: visibilityAndFilters(viewer, filter, { target: true }) })];
  }
  if (filter.actions?.length) {
    return filter.actions.map((action) =>
      indexStream({ index: INDEX.auditLogs.byAction, partition: action, ...range, filter: visibilityAndFilters(viewer, filter, { action: true }) }),
    );
  }
  return [recentStream({ ...range, filter: visibilityAndFilters(viewer, filter, {}) })];
}

/** Who may read which timeline: everyone their own; admins and managers anyone's and all. */
export function assertMayRead(viewer: User, subject: TimelineSubject): void {
  const own = subject.kind === "user" && subject.userId === viewer.id;
  if (!own && !can(viewer, "audit.view_all")) throw new ForbiddenError("You may only read your own activity.");
}

const newestFirst = (a: AuditLog, b: AuditLog) => (a.timestamp === b.timestamp ? b.id.localeCompare(a.id) : b.timestamp.localeCompare(a.timestamp));

export interface TimelinePage {
  entries: AuditLog[];
  nextCursor: string | null;
}

export async function readTimeline(viewer: User, subject: TimelineSubject, filter: TimelineFilter, page: { cursor?: string | null; limit?: number } = {}): Promise<TimelinePage> {
  assertMayRead(viewer, subject);
  const limit = Math.min(Math.max(page.limit ?? 50, 1), 100);
  // An inverted range matches nothing, and a key condition cannot even say it (BETWEEN refuses a
  // lower bound above the upper): the callers' schemas refuse it, and this is the last word.
  if (filter.from && filter.to && filter.from > filter.to) return { entries: [], nextCursor: null };
  const streams = streamsFor(viewer, subject, filter);
  // A cursor is only good for the same view: the same subject, filter and visibility.
  const scope = `timeline:${JSON.stringify([auditVisibility(viewer), subject, filter])}`;
  const decoded = decodeCursor(scope, page.cursor) as { p?: Position[] } | undefined;
  const positions: Position[] = decoded?.p ?? streams.map(() => ({}));

  const reads = await Promise.all(streams.map((s, i) => (positions[i] === null ? { items: [], exhausted: true } : s.read(positions[i], limit))));
  const seen = new Set<string>();
  const taken = reads
    .flatMap((r) => r.items)
    .sort(newestFirst)
    .filter((e) => !seen.has(e.id) && seen.add(e.id))
    .slice(0, limit);
  const takenIds = new Set(taken.map((e) => e.id));

  const next = reads.map((read, i) => {
    const consumed = read.items.filter((e) => takenIds.has(e.id));
    if (consumed.length === read.items.length && read.exhausted) return null;
    if (consumed.length === 0) return positions[i] ?? {};
    return streams[i]!.after(consumed[consumed.length - 1]!);
  });
  const more = next.some((p) => p !== null);
  return { entries: taken, nextCursor: more ? encodeCursor(scope, { p: next }) : null };
}

/** How many entries arrived after `since` (for the "new entries" indicator), up to 50. */
export async function countNewer(viewer: User, subject: TimelineSubject, filter: TimelineFilter, since: string): Promise<number> {
  const after = new Date(Date.parse(since) + 1).toISOString();
  const page = await readTimeline(viewer, subject, { ...filter, from: filter.from && filter.from > after ? filter.from : after }, { limit: 50 });
  return page.entries.length;
}

/** Entries per page of every timeline view (server-rendered first page and the pages after). */
export const TIMELINE_PAGE_SIZE = 50;

/** A page of a timeline as people read it: what pages render first and the action returns next. */
export async function readTimelineView(viewer: User, subject: TimelineSubject, filter: TimelineFilter, cursor: string | null = null): Promise<TimelineViewPage> {
  const page = await readTimeline(viewer, subject, filter, { cursor, limit: TIMELINE_PAGE_SIZE });
  return { entries: await presentEntries(page.entries), nextCursor: page.nextCursor };
}

/**
 * Entries as people read them: sentences with names, readable devices and addresses. Actors and
 * targets come from one BatchGetItem for the whole page (with `alsoUsers`, people the page
 * names elsewhere: the chosen actor and target of the audit page's filters), profile names the
 * entries did not record from another: never a read per row.
 */
export async function presentEntries(entries: AuditLog[], alsoUsers: readonly string[] = []): Promise<TimelineEntryView[]> {
  return (await presentWithUsers(entries, alsoUsers)).views;
}

async function presentWithUsers(entries: AuditLog[], alsoUsers: readonly string[]): Promise<{ views: TimelineEntryView[]; users: Map<string, User> }> {
  const userIds = [...new Set([...alsoUsers, ...entries.flatMap((e) => [e.userId, ...(e.targetUserId ? [e.targetUserId] : [])])])];
  const profileIds = [...new Set(entries.flatMap((e) => (needsProfileLookup(e) ? [e.details.profileId as string] : [])))];
  const [users, profiles] = await Promise.all([
    userIds.length ? getUsersByIds(userIds) : new Map<string, User>(),
    profileIds.length ? getProfileNames(profileIds) : new Map<string, string>(),
  ]);
  // A profile deleted since keeps the name its creation or deletion recorded, when on this page.
  const recorded = new Map<string, string>();
  for (const e of entries) {
    if ((e.action === "profile.created" || e.action === "profile.deleted") && typeof e.details.profileId === "string" && typeof e.details.name === "string") {
      recorded.set(e.details.profileId, e.details.name);
    }
  }
  const names = { user: (id: string) => users.get(id)?.name ?? null, profile: (id: string) => profiles.get(id) ?? recorded.get(id) ?? null };
  const views = entries.map((e) => ({
    id: e.id,
    action: e.action,
    group: isAuditAction(e.action) ? AUDIT_CATALOGUE[e.action].group : null,
    sentence: auditSentence(e, names),
    timestamp: e.timestamp,
    // The face comes with the user already read for the name: no further read.
    actor: { id: e.userId, name: names.user(e.userId), avatar: avatarOf(users.get(e.userId)) },
    target: e.targetUserId ? { id: e.targetUserId, name: names.user(e.targetUserId) } : null,
    ipAddress: e.ipAddress ? normaliseIpAddress(e.ipAddress) : null,
    device: describeUserAgent(e.userAgent),
    details: e.details,
    technical: { ipAddress: e.ipAddress ?? null, userAgent: e.userAgent ?? null, hmac: e.hmac ?? null },
  }));
  return { views, users };
}

export interface ChosenUser {
  id: string;
  /** null: no such user (any more). */
  name: string | null;
}

/**
 * The audit page's read: the first page of the filtered timeline and the names of the filter's
 * actor and target, in the same user batch as the page's names. With the viewer's session,
 * at most four DynamoDB calls for one actor, target or action (lib/audit/audit-page.int.test.ts).
 */
export async function readAuditPage(viewer: User, filter: TimelineFilter): Promise<{ page: TimelineViewPage; actor: ChosenUser | null; target: ChosenUser | null }> {
  const chosen = [filter.actorId, filter.targetUserId].filter((id): id is string => Boolean(id));
  const timeline = await readTimeline(viewer, { kind: "all" }, filter, { limit: TIMELINE_PAGE_SIZE });
  const { views, users } = await presentWithUsers(timeline.entries, chosen);
  const named = (id: string | undefined): ChosenUser | null => (id ? { id, name: users.get(id)?.name ?? null } : null);
  return { page: { entries: views, nextCursor: timeline.nextCursor }, actor: named(filter.actorId), target: named(filter.targetUserId) };
}
