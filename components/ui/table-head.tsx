import type { ReactNode } from "react";
import { cn } from "./cn";

/**
 * A data table's header row: a heading per column, then the column of each row's buttons, whose
 * heading only screen readers hear. `leading` goes first (a select-all checkbox cell).
 */
export function TableHead({ columns, leading, className }: { columns: readonly string[]; leading?: ReactNode; className?: string }) {
  return (
    <thead className={cn("border-b border-subtle bg-surface-alt text-xs uppercase tracking-wide text-muted", className)}>
      <tr>
        {leading}
        {columns.map((heading) => (
          <th key={heading} scope="col" className="px-4 py-3 font-medium">
            {heading}
          </th>
        ))}
        <th scope="col" className="px-4 py-3 font-medium">
          <span className="sr-only">Actions</span>
        </th>
      </tr>
    </thead>
  );
}
