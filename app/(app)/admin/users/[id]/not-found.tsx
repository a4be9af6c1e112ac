import Link from "next/link";

export default function UserNotFound() {
  return (
    <div className="rounded-xl border border-subtle bg-surface p-10 text-center">
      <h1 className="text-2xl font-semibold">User not found</h1>
      <p className="mt-2 text-sm text-muted">This user does not exist, or you may not see them.</p>
      <Link href="/admin/users" className="mt-4 inline-block text-sm font-medium text-link underline hover:no-underline">
        Back to all users
      </Link>
    </div>
  );
}
