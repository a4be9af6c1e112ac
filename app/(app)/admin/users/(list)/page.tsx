import type { Metadata } from "next";
import { UsersList } from "@/components/users/users-list";
import { canonicalFilter, usersHref } from "@/lib/users/filter-url";
import { requirePermission } from "@/lib/auth/current-user";
import { getCurrentSession } from "@/lib/auth/session";
import { can, grantableRoles } from "@/lib/auth/permissions";
import { InvalidCursorError } from "@/lib/db/cursor";
import { listUsers } from "@/lib/db/user-directory";
import { userFilterSchema } from "@/lib/validation/users";
import type { UserFilter } from "@/lib/validation/users";
import { StaleCursorPanel } from "@/components/ui/stale-cursor-panel";

export const metadata: Metadata = { title: "Users" };

/** The page size of listUsersAction, so the first page and the ones after it match. */
const PAGE_SIZE = 50;

type Search = Record<string, string | string[] | undefined>;

/** The first page and when it was read, so the browser's cache knows how fresh it is. */
async function firstPage(filter: UserFilter, cursor: string | null) {
  const readAt = Date.now();
  return { page: await listUsers(filter, { cursor, limit: PAGE_SIZE }), readAt };
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await requirePermission("users.list");
  // The request's session, already read for the permission (React's cache): no extra call.
  const signInBefore = (await getCurrentSession())?.signInBefore;
  const search = await searchParams;
  // Unknown values are dropped; the canonical form is the one the browser sends back with cursors.
  const filter = canonicalFilter(userFilterSchema.parse(search));
  const cursor = typeof search.cursor === "string" && search.cursor ? search.cursor : null;

  let first;
  try {
    first = await firstPage(filter, cursor);
  } catch (error) {
    if (!(error instanceof InvalidCursorError)) throw error;
    return <StaleCursorPanel title="Users" message={error.message} firstPageHref={usersHref(filter)} />;
  }

  const roles = grantableRoles(viewer);
  return (
    <UsersList
      viewer={{ id: viewer.id, role: viewer.role, isActive: viewer.isActive }}
      permissions={{
        grantableRoles: can(viewer, "users.change_role", viewer) ? roles : [],
        create: roles.length > 0,
      }}
      initialFilter={filter}
      initialCursor={cursor}
      initialPage={first.page}
      renderedAt={first.readAt}
      {...(signInBefore ? { viewerSignInBefore: signInBefore } : {})}
    />
  );
}
