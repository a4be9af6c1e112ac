// What the files actions hand to the browser, named once for the components that show it.
import type { completeUploadAction, listFilesAction } from "@/lib/actions/files/file-actions";
import type { ActionResult } from "@/lib/types/action-result";

type DataOf<A> = A extends (...args: never[]) => Promise<ActionResult<infer T>> ? T : never;

export type FilesPage = DataOf<typeof listFilesAction>;
export type FileItem = FilesPage["items"][number];
export type UploadedFile = DataOf<typeof completeUploadAction>;
