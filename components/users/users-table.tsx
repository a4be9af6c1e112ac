import type { User } from "@/lib/db/users";

function formatDate(iso: string | undefined): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : "Never";
}

export function UsersTable({ users }: { users: User[] }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Users</caption>
        <thead className="border-b border-zinc-200 bg-zinc-50 text-xs uppercase tracking-wide text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">Name</th>
            <th scope="col" className="px-4 py-3 font-medium">Email</th>
            <th scope="col" className="px-4 py-3 font-medium">Role</th>
            <th scope="col" className="px-4 py-3 font-medium">Status</th>
            <th scope="col" className="px-4 py-3 font-medium">Created</th>
            <th scope="col" className="px-4 py-3 font-medium">Last sign-in</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {users.map((user) => (
            <tr key={user.id}>
              <td className="max-w-64 truncate px-4 py-3 font-medium" title={user.name}>{user.name}</td>
              <td className="max-w-72 truncate px-4 py-3" title={user.email}>{user.email}</td>
              <td className="px-4 py-3 capitalize">{user.role}</td>
              <td className="px-4 py-3">
                <span
                  className={
                    user.isActive
                      ? "rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200"
                      : "rounded-full bg-zinc-100 px-2 py-0.5 text-xs font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
                  }
                >
                  {user.isActive ? "Active" : "Deactivated"}
                </span>
              </td>
              <td className="whitespace-nowrap px-4 py-3 text-zinc-700 dark:text-zinc-300">{formatDate(user.createdAt)}</td>
              <td className="whitespace-nowrap px-4 py-3 text-zinc-700 dark:text-zinc-300">{formatDate(user.lastSignInAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function UsersTableSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <div role="status" aria-label="Loading users" className="animate-pulse rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="mb-3 h-6 rounded bg-zinc-200 last:mb-0 dark:bg-zinc-800" />
      ))}
    </div>
  );
}
