import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3 px-4 text-center">
      <h1 className="text-2xl font-semibold">You do not have access to this page</h1>
      <p className="text-sm text-muted">Ask an administrator if you think you should.</p>
      <Link href="/" className="font-medium text-link underline">
        Back to home
      </Link>
    </main>
  );
}
