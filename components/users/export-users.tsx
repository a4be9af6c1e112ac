"use client";
import { CsvExport } from "@/components/ui/csv-export";
import { filterParams } from "@/lib/users/filter-url";
import type { UserFilter } from "@/lib/validation/users";

// CSV export of every user matching the current filter (components/ui/csv-export.tsx streams it).

export function ExportUsers({ filter }: { filter: UserFilter }) {
  return (
    <CsvExport
      href={`/api/users/export?${filterParams(filter).toString()}`}
      noun={["user", "users"]}
      fallbackName={`users-${new Date().toISOString().slice(0, 10)}.csv`}
      forbiddenMessage="You do not have permission to export users."
    />
  );
}
