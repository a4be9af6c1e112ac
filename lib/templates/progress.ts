import "server-only";
import { can } from "@/lib/auth/permissions";
import { listTemplateProgress, PROGRESS_FILTERS, type ProgressFilter, type ProgressQuery } from "@/lib/db/checklist";
import { getUsersByIds } from "@/lib/db/users";
import type { User } from "@/lib/validation/users";
import { isOverdue } from "./checklist-core";

// Everyone's progress on one template (issue #14 parts 4 and 6), for admins and managers: one
// Query on Template-Progress-Index and one BatchGetItem of the owners a page, whatever the
// number of profiles. Rows whose owner the viewer may not manage profiles of (a manager and an
// admin's profile) are left out of the page, so a manager's page can be shorter than the limit.

export { PROGRESS_FILTERS, type ProgressFilter };

export interface ProgressRowView {
  profileId: string;
  profileName: string;
  userId: string;
  userName: string;
  userEmail: string;
  done: number;
  total: number;
  percent: number;
  dueAt?: string;
  completedAt?: string;
  overdue: boolean;
}

export async function templateProgressPage(viewer: User, query: ProgressQuery, now: Date = new Date()) {
  const page = await listTemplateProgress(query, now);
  const owners = await getUsersByIds(page.items.map((row) => row.userId));
  const items: ProgressRowView[] = [];
  for (const row of page.items) {
    const owner = owners.get(row.userId);
    if (!owner || !can(viewer, "profiles.manage", owner)) continue;
    const { done, total, dueAt, completedAt } = row.progress;
    items.push({
      profileId: row.profileId,
      profileName: row.profileName,
      userId: owner.id,
      userName: owner.name,
      userEmail: owner.email,
      done,
      total,
      percent: total === 0 ? 100 : Math.round((done / total) * 100),
      ...(dueAt ? { dueAt } : {}),
      ...(completedAt ? { completedAt } : {}),
      overdue: isOverdue(row.progress, now),
    });
  }
  return { items, nextCursor: page.nextCursor };
}

/** Every page of a filter, for the CSV export. */
export async function* iterateTemplateProgress(viewer: User, query: Omit<ProgressQuery, "cursor" | "limit">) {
  let cursor: string | null = null;
  do {
    const page = await templateProgressPage(viewer, { ...query, cursor, limit: 100 });
    yield page.items;
    cursor = page.nextCursor;
  } while (cursor);
}

export function parseProgressFilter(value: unknown): ProgressFilter {
  return typeof value === "string" && (PROGRESS_FILTERS as readonly string[]).includes(value) ? (value as ProgressFilter) : "all";
}

export function parseProgressOrder(value: unknown): "asc" | "desc" {
  return value === "desc" ? "desc" : "asc";
}
