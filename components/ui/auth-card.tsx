import type { ReactNode } from "react";
import { cn } from "./cn";

/** The centred card the signed-out pages (sign in, forgot password, set password) are built on. */
export function AuthCard({ title, description, children, wide = false }: { title: string; description?: ReactNode; children: ReactNode; wide?: boolean }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className={cn("w-full rounded-xl border border-subtle bg-surface p-8 shadow-sm", wide ? "max-w-md" : "max-w-sm")}>
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {description ? <p className="mt-1 text-sm text-muted">{description}</p> : null}
        {children}
      </div>
    </main>
  );
}
