import type { ReactNode } from "react";
import { cn } from "./cn";

/** The centred card the signed-out pages (sign in, forgot password, set password) are built on. */
export function AuthCard({ title, description, children, wide = false }: { title: string; description?: ReactNode; children: ReactNode; wide?: boolean }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className={cn("w-full rounded-xl border border-zinc-200 bg-white p-8 shadow-sm dark:border-zinc-800 dark:bg-zinc-900", wide ? "max-w-md" : "max-w-sm")}>
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {description ? <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{description}</p> : null}
        {children}
      </div>
    </main>
  );
}
