"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { usePathname, useSearchParams } from "next/navigation";
import { useRef } from "react";
import { AlertPanel } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField } from "@/components/ui/select-field";
import { TableHead } from "@/components/ui/table-head";
import { TextField } from "@/components/ui/text-field";
import { listFilesAction } from "@/lib/actions/files/file-actions";
import { queryKeys } from "@/lib/query-keys";
import { type FileFilter, fileFilterFrom, fileFilterQuery, type FileKind } from "@/lib/validation/file-filter";
import { FileRow } from "./file-row";
import { FilesTableSkeleton } from "./files-skeleton";
import type { FilesPage } from "./types";
import { callAction } from "@/lib/types/action-result";

interface FileBrowserProps {
  /** Whose files: the viewer's own on /files, a managed user's on their admin page. */
  ownerId: string;
  /** The first page as the server rendered it, for the filter in the URL at that time. */
  initialPage: FilesPage;
  initialFilter: FileFilter;
  caption: string;
}

const KIND_OPTIONS: Array<{ value: FileKind | ""; label: string }> = [
  { value: "", label: "All types" },
  { value: "image", label: "Images" },
  { value: "document", label: "Documents" },
];

const PURPOSE_OPTIONS: Array<{ value: string; label: string }> = [
  { value: "", label: "Documents" },
  { value: "profile-images", label: "Profile images" },
  { value: "all", label: "All files" },
];

// Columns narrow screens leave out, so a row fits a phone without scrolling sideways (the menu
// still has every action).
const COLUMNS: Array<[string, string]> = [
  ["Name", ""],
  ["Type", "hidden md:table-cell"],
  ["Size", "hidden sm:table-cell"],
  ["Tags", "hidden lg:table-cell"],
  ["Sharing", "hidden md:table-cell"],
  ["Expires", "hidden xl:table-cell"],
  ["Created", "hidden lg:table-cell"],
];

/**
 * The file list: filters kept in the URL (changed without a server round trip), pages of 25
 * fetched through listFilesAction with React Query, the server's first page as initial data.
 */
export function FileBrowser({ ownerId, initialPage, initialFilter, caption }: FileBrowserProps) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filter = fileFilterFrom({ q: searchParams.get("q"), tag: searchParams.get("tag"), kind: searchParams.get("kind"), purpose: searchParams.get("purpose") });
  const filterQuery = fileFilterQuery(filter);
  const tableRef = useRef<HTMLDivElement>(null);

  const query = useInfiniteQuery({
    queryKey: queryKeys.files.list(ownerId, filter),
    queryFn: ({ pageParam }) => callAction(() => listFilesAction({ ownerId, ...filter, cursor: pageParam })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: filterQuery === fileFilterQuery(initialFilter) ? { pages: [initialPage], pageParams: [null] } : undefined,
  });
  const files = query.data?.pages.flatMap((page) => page.items) ?? [];

  // The native History API: Next keeps useSearchParams in step, and no server render is needed.
  const applyFilter = (next: FileFilter) => window.history.pushState(null, "", `${pathname}${fileFilterQuery(next)}`);

  return (
    <div className="flex flex-col gap-4">
      <form
        key={filterQuery}
        role="search"
        aria-label="Filter files"
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          const field = (name: string) => String(data.get(name) ?? "");
          applyFilter(fileFilterFrom({ q: field("q"), tag: field("tag"), kind: field("kind"), purpose: field("purpose") }));
        }}
      >
        <TextField label="Name" name="q" type="search" defaultValue={filter.q ?? ""} autoComplete="off" className="w-full sm:w-56" />
        <TextField label="Tag" name="tag" defaultValue={filter.tag ?? ""} autoComplete="off" className="w-full sm:w-40" />
        <SelectField label="Type" name="kind" options={KIND_OPTIONS} defaultValue={filter.kind ?? ""} onChange={(event) => event.currentTarget.form?.requestSubmit()} />
        <SelectField label="Purpose" name="purpose" options={PURPOSE_OPTIONS} defaultValue={filter.purpose ?? ""} onChange={(event) => event.currentTarget.form?.requestSubmit()} />
        <Button type="submit" variant="secondary">
          Apply filters
        </Button>
        {filterQuery ? (
          <Button variant="ghost" onClick={() => applyFilter({})}>
            Clear filters
          </Button>
        ) : null}
      </form>

      {query.isError && !query.data ? (
        <AlertPanel tone="error" className="text-sm">
          <p>{query.error.message}</p>
          <Button variant="secondary" className="mt-3" onClick={() => void query.refetch()}>
            Try again
          </Button>
        </AlertPanel>
      ) : query.isPending ? (
        <FilesTableSkeleton />
      ) : files.length === 0 ? (
        <EmptyState
          title={filterQuery ? "No files match these filters" : "No files yet"}
          description={
            query.hasNextPage
              ? "None among the newest files searched so far. Load more to search older ones."
              : filterQuery
                ? "Try another name, tag, type or purpose, or clear the filters."
                : "Uploaded files will be listed here."
          }
        />
      ) : (
        <div ref={tableRef} tabIndex={-1} className="relative overflow-x-auto rounded-xl border border-subtle bg-surface focus:outline-none">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{caption}</caption>
            <TableHead columns={COLUMNS.map(([label, hide]) => ({ label, className: `whitespace-nowrap px-3 ${hide}` }))} />
            <tbody className="divide-y divide-divider">
              {files.map((file) => (
                <FileRow key={file.id} file={file} onRemoved={() => tableRef.current?.focus()} />
              ))}
            </tbody>
          </table>
        </div>
      )}

      <div className="flex items-center justify-between gap-3 text-sm">
        <p aria-live="polite" className="text-muted">
          {query.data ? `${files.length} ${files.length === 1 ? "file" : "files"} shown${query.hasNextPage ? ", more to load" : ""}` : ""}
        </p>
        {query.hasNextPage ? (
          <Button variant="secondary" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage} aria-busy={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? "Loading…" : "Load more files"}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
