"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { usePathname, useSearchParams } from "next/navigation";
import { useId, useRef } from "react";
import { AlertPanel } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
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

/**
 * The file list: filters kept in the URL (changed without a server round trip), pages of 25
 * fetched through listFilesAction with React Query, the server's first page as initial data.
 */
export function FileBrowser({ ownerId, initialPage, initialFilter, caption }: FileBrowserProps) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filter = fileFilterFrom({ tag: searchParams.get("tag"), kind: searchParams.get("kind") });
  const filterQuery = fileFilterQuery(filter);
  const kindId = useId();
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
          applyFilter(fileFilterFrom({ tag: String(data.get("tag") ?? ""), kind: String(data.get("kind") ?? "") }));
        }}
      >
        <TextField label="Tag" name="tag" defaultValue={filter.tag ?? ""} autoComplete="off" className="w-48" />
        <div className="flex flex-col gap-1.5">
          <label htmlFor={kindId} className="text-sm font-medium text-strong">
            Type
          </label>
          <select
            id={kindId}
            name="kind"
            defaultValue={filter.kind ?? ""}
            onChange={(event) => event.currentTarget.form?.requestSubmit()}
            className="rounded-md border border-control bg-surface px-3 py-2 text-sm text-fg shadow-sm focus:outline-2 focus:outline-offset-1 focus:outline-indigo-600"
          >
            {KIND_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
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
          description={filterQuery ? "Try another tag or type, or clear the filters." : "Uploaded files will be listed here."}
        />
      ) : (
        <div ref={tableRef} tabIndex={-1} className="overflow-x-auto rounded-xl border border-subtle bg-surface focus:outline-none">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{caption}</caption>
            <thead className="border-b border-subtle bg-surface-alt text-xs uppercase tracking-wide text-muted">
              <tr>
                {["Name", "Type", "Size", "Tags", "Sharing", "Expires", "Created"].map((heading) => (
                  <th key={heading} scope="col" className="px-4 py-3 font-medium">
                    {heading}
                  </th>
                ))}
                <th scope="col" className="px-4 py-3 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
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
