"use client";
import { type InfiniteData, useMutation, useQueryClient } from "@tanstack/react-query";
import { deleteFileAction, updateFileAction } from "@/lib/actions/files/file-actions";
import type { ActionFailure } from "@/lib/types/action-result";
import { queryKeys } from "@/lib/query-keys";
import type { FileItem, FilesPage } from "./types";

type ListData = InfiniteData<FilesPage, string | null>;

// Changes to a listed file. The cache is patched at once, so a second change made right away
// names the new version; every list is then refetched, since a change can move a file in or
// out of a filter. The actions revalidate the server-rendered pages themselves.

/** A call that never reached the action reads like any other failure. */
export const UNREACHABLE: ActionFailure = { ok: false, error: "Could not reach the server. Check your connection and try again." };

function patchLists(data: ListData | undefined, change: (items: FileItem[]) => FileItem[]): ListData | undefined {
  return data && { ...data, pages: data.pages.map((page) => ({ ...page, items: change(page.items) })) };
}

export function useUpdateFile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Parameters<typeof updateFileAction>[0]) => updateFileAction(input).catch(() => UNREACHABLE),
    onSuccess: (result) => {
      if (result.ok) {
        const updated = result.data;
        queryClient.setQueriesData<ListData>({ queryKey: queryKeys.files.lists() }, (data) =>
          patchLists(data, (items) => items.map((item) => (item.id === updated.id ? updated : item))),
        );
      }
      // On a conflict too: the refetch brings the version someone else wrote.
      void queryClient.invalidateQueries({ queryKey: queryKeys.files.lists() });
    },
  });
}

export function useDeleteFile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteFileAction({ id }).catch(() => UNREACHABLE),
    onSuccess: (result, id) => {
      if (result.ok) {
        queryClient.setQueriesData<ListData>({ queryKey: queryKeys.files.lists() }, (data) => patchLists(data, (items) => items.filter((item) => item.id !== id)));
      }
      void queryClient.invalidateQueries({ queryKey: queryKeys.files.lists() });
    },
  });
}
