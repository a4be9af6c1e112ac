"use client";
import { type InfiniteData, useMutation, useQueryClient } from "@tanstack/react-query";
import { deleteFileAction, updateFileAction } from "@/lib/actions/files/file-actions";
import { callAction } from "@/lib/types/action-result";
import { queryKeys } from "@/lib/query-keys";
import type { FileItem, FilesPage } from "./types";

type ListData = InfiniteData<FilesPage, string | null>;

// Changes to a listed file. The cache is patched at once, so a second change made right away
// names the new version; every list is then refetched, since a change can move a file in or
// out of a filter, and a conflict brings the version someone else wrote. The actions revalidate
// the server-rendered pages themselves. A failure rejects with an ActionError (callAction).

function patchLists(data: ListData | undefined, change: (items: FileItem[]) => FileItem[]): ListData | undefined {
  return data && { ...data, pages: data.pages.map((page) => ({ ...page, items: change(page.items) })) };
}

export function useUpdateFile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Parameters<typeof updateFileAction>[0]) => callAction(() => updateFileAction(input)),
    onSuccess: (updated) => {
      queryClient.setQueriesData<ListData>({ queryKey: queryKeys.files.lists() }, (data) =>
        patchLists(data, (items) => items.map((item) => (item.id === updated.id ? { ...item, ...updated } : item))),
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.files.lists() }),
  });
}

export function useDeleteFile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => callAction(() => deleteFileAction({ id })),
    onSuccess: (_deleted, id) => {
      queryClient.setQueriesData<ListData>({ queryKey: queryKeys.files.lists() }, (data) => patchLists(data, (items) => items.filter((item) => item.id !== id)));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.files.lists() }),
  });
}
