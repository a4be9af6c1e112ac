import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3 px-4 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-sm text-muted">The page you asked for does not exist or has moved.</p>
      <Link href="/" className="font-medium text-link underline">
        Back to home
      </Link>
    </main>
  );
}
