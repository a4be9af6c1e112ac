// The users list's filter in one canonical form, shared by the server page and the browser: a
// page cursor is bound to the exact filter it was read with, so both sides must spell the same
// view the same way (defaults left out). Also how that filter appears in the URL.
import type { UserFilter } from "@/lib/validation/users";
import { USER_STATUSES } from "./status";

type Sort = NonNullable<UserFilter["sort"]>;
type Order = NonNullable<UserFilter["order"]>;

/** Newest first by creation, A to Z by name (as lib/db/user-directory.ts reads them). */
export const defaultOrder = (sort: Sort | undefined): Order => (sort === "name" ? "asc" : "desc");

/** The search text as the server reads it (userFilterSchema): NFC, trimmed, at most 100 characters. */
export function normaliseQuery(text: string | undefined): string | undefined {
  const q = (text ?? "").normalize("NFC").trim().slice(0, 100);
  return q || undefined;
}

export function canonicalFilter(filter: UserFilter): UserFilter {
  const sort = filter.sort === "name" ? "name" : undefined;
  const order = filter.order && filter.order !== defaultOrder(sort) ? filter.order : undefined;
  const q = normaliseQuery(filter.q);
  return {
    ...(filter.role ? { role: filter.role } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(q ? { q } : {}),
    ...(sort ? { sort } : {}),
    ...(order ? { order } : {}),
  };
}

export function filterParams(filter: UserFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ["q", "role", "status", "sort", "order"] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  return params;
}

export function usersHref(filter: UserFilter): string {
  const query = filterParams(filter).toString();
  return query ? `/admin/users?${query}` : "/admin/users";
}

export function sameFilter(a: UserFilter, b: UserFilter): boolean {
  return usersHref(canonicalFilter(a)) === usersHref(canonicalFilter(b));
}

const ROLES_IN_URL: ReadonlyArray<NonNullable<UserFilter["role"]>> = ["admin", "manager", "user"];
const STATUSES_IN_URL: ReadonlyArray<NonNullable<UserFilter["status"]>> = USER_STATUSES;
const pick = <T extends string>(allowed: ReadonlyArray<T>, value: string | null): T | undefined =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

/**
 * A URL's filter read back in the browser (Back and Forward), as userFilterSchema reads it on
 * the server: unknown values are dropped. Without zod, which this page does not otherwise ship.
 */
export function filterFromParams(params: URLSearchParams): UserFilter {
  return canonicalFilter({
    role: pick(ROLES_IN_URL, params.get("role")),
    status: pick(STATUSES_IN_URL, params.get("status")),
    q: normaliseQuery(params.get("q") ?? undefined),
    sort: pick(["created", "name"] as const, params.get("sort")),
    order: pick(["asc", "desc"] as const, params.get("order")),
  });
}

/** Whether two views differ in more than the search text (a change worth a history entry). */
export function differsBeyondSearch(a: UserFilter, b: UserFilter): boolean {
  return !sameFilter({ ...a, q: undefined }, { ...b, q: undefined });
}
