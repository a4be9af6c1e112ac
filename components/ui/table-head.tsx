import type { ReactNode } from "react";

/**
 * A data table's header row: a heading per column, then the column of each row's buttons, whose
 * heading only screen readers hear. `leading` goes first (a select-all checkbox cell).
 */
export function TableHead({ columns, leading }: { columns: readonly string[]; leading?: ReactNode }) {
  return (
    <thead className="border-b border-subtle bg-surface-alt text-xs uppercase tracking-wide text-muted">
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
