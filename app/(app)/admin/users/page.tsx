import type { Metadata } from "next";
import Link from "next/link";
import { UsersTable } from "@/components/users/users-table";
import { requirePermission } from "@/lib/auth/current-user";
import { InvalidCursorError } from "@/lib/db/cursor";
import { listUsers } from "@/lib/db/user-directory";
import { ROLES, type Role } from "@/lib/validation/users";

export const metadata: Metadata = { title: "Users" };

type Search = { role?: string; cursor?: string };

function usersHref(search: { role?: Role; cursor?: string | null }): string {
  const params = new URLSearchParams();
  if (search.role) params.set("role", search.role);
  if (search.cursor) params.set("cursor", search.cursor);
  const query = params.toString();
  return query ? `/admin/users?${query}` : "/admin/users";
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePermission("users.list");
  const search = await searchParams;
  const role = ROLES.find((r) => r === search.role);
  const cursor = typeof search.cursor === "string" ? search.cursor : undefined;

  let page;
  try {
    page = await listUsers({ role }, { cursor, limit: 50 });
  } catch (error) {
    if (!(error instanceof InvalidCursorError)) throw error;
    return (
      <div role="alert" className="rounded-xl border border-amber-300 bg-amber-50 p-6 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
        <p>{error.message}</p>
        <Link href={usersHref({ role })} className="mt-2 inline-block font-medium underline">
          Go to the first page
        </Link>
      </div>
    );
  }

  const filters: Array<{ label: string; role?: Role }> = [{ label: "All" }, ...ROLES.map((r) => ({ label: `${r[0]?.toUpperCase()}${r.slice(1)}s`, role: r }))];

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Everyone with an account, newest first.</p>
        </div>
        <nav aria-label="Filter by role">
          <ul className="flex gap-1 rounded-lg bg-zinc-100 p-1 dark:bg-zinc-800">
            {filters.map((f) => (
              <li key={f.label}>
                <Link
                  href={usersHref({ role: f.role })}
                  aria-current={f.role === role ? "page" : undefined}
                  className={
                    f.role === role
                      ? "block rounded-md bg-white px-3 py-1.5 text-sm font-medium shadow-sm dark:bg-zinc-900"
                      : "block rounded-md px-3 py-1.5 text-sm text-zinc-700 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-white"
                  }
                >
                  {f.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      {page.items.length === 0 ? (
        <div className="rounded-xl border border-dashed border-zinc-300 p-10 text-center dark:border-zinc-700">
          <p className="font-medium">No users here yet</p>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{role ? `Nobody has the ${role} role.` : "Invite someone to get started."}</p>
        </div>
      ) : (
        <UsersTable users={page.items} />
      )}
      <nav aria-label="Pagination" className="flex items-center justify-between text-sm">
        {cursor ? (
          <Link href={usersHref({ role })} className="font-medium text-indigo-700 underline hover:no-underline dark:text-indigo-300">
            First page
          </Link>
        ) : (
          <span />
        )}
        {page.nextCursor ? (
          <Link href={usersHref({ role, cursor: page.nextCursor })} className="font-medium text-indigo-700 underline hover:no-underline dark:text-indigo-300">
            Next page
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
