import Link from "next/link";

export default function UserNotFound() {
  return (
    <div className="rounded-xl border border-zinc-200 bg-white p-10 text-center dark:border-zinc-800 dark:bg-zinc-900">
      <h1 className="text-2xl font-semibold">User not found</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">This user does not exist, or you may not see them.</p>
      <Link href="/admin/users" className="mt-4 inline-block text-sm font-medium text-indigo-700 underline hover:no-underline dark:text-indigo-300">
        Back to all users
      </Link>
    </div>
  );
}
