import type { ReactNode } from "react";
import { cn } from "./cn";

/** A column's heading, with classes for it (e.g. `hidden md:table-cell` for one phones leave out). */
export type Column = string | { label: string; className: string };

/**
 * A data table's header row: a heading per column, then the column of each row's buttons, whose
 * heading only screen readers hear. `leading` goes first (a select-all checkbox cell).
 */
export function TableHead({ columns, leading, className }: { columns: readonly Column[]; leading?: ReactNode; className?: string }) {
  return (
    <thead className={cn("border-b border-subtle bg-surface-alt text-xs uppercase tracking-wide text-muted", className)}>
      <tr>
        {leading}
        {columns.map((column) => {
          const { label, className } = typeof column === "string" ? { label: column, className: "" } : column;
          return (
            <th key={label} scope="col" className={cn("px-4 py-3 font-medium", className)}>
              {label}
            </th>
          );
        })}
        <th scope="col" className="px-4 py-3 font-medium">
          <span className="sr-only">Actions</span>
        </th>
      </tr>
    </thead>
  );
}
