"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { cancelUploadAction, completeUploadAction, startUploadAction } from "@/lib/actions/files/file-actions";
import { queryKeys } from "@/lib/query-keys";
import { callAction, messageOf } from "@/lib/types/action-result";
import { type UploadPurpose, uploadProblem } from "@/lib/uploads/policies";
import { putObject } from "./put-object";
import type { UploadedFile } from "./types";

// The upload flow (docs/architecture.md §1, step 6) as the browser runs it, shared by the uploader and the
// avatar/background editor: refuse by policy before anything starts, ask for a presigned PUT,
// send the bytes straight to S3 with progress, then ask the server to check and keep them.
// Cancel aborts the PUT and drops the pending record; retry starts over with a new URL.

export type UploadState = "refused" | "starting" | "uploading" | "checking" | "done" | "failed" | "cancelled";

export interface Upload {
  key: string;
  file: File;
  state: UploadState;
  /** Bytes the storage has received so far. */
  loaded: number;
  /** Why it was refused or failed, for the person to read. */
  error?: string;
  uploaded?: UploadedFile;
}

export interface UploadTarget {
  purpose: UploadPurpose;
  /** Whose file space; the signed-in user's when absent. */
  ownerId?: string;
  /** For avatars and backgrounds, and a document for that profile's checklist. */
  profileId?: string;
  /** A document for the profile's checklist: the kind its template asks for (issue #14). */
  documentKind?: string;
}

export interface UseUploadsOptions extends UploadTarget {
  /** After the server kept the file; `source` is the local File that was sent. */
  onUploaded?(file: UploadedFile, source: File): void;
}

const ACTIVE: ReadonlySet<UploadState> = new Set(["starting", "uploading", "checking"]);
export const isActive = (upload: Upload) => ACTIVE.has(upload.state);
/** Cancel is offered until the bytes are in; the check that follows cannot be interrupted. */
export const canCancel = (upload: Upload) => upload.state === "starting" || upload.state === "uploading";
export const canRetry = (upload: Upload) => upload.state === "failed" || upload.state === "cancelled";

/**
 * Tells the server an upload was abandoned so it drops the pending record. Best effort: if the
 * call fails, the record's expiry removes it (and its object) anyway.
 */
function abandon(id: string, reason: "cancelled" | "upload failed") {
  cancelUploadAction({ id, reason }).catch(() => undefined);
}

/** Overall progress over the files that are being or were uploaded. */
export function overallProgress(uploads: readonly Upload[]): { loaded: number; total: number; done: number; count: number } {
  const counted = uploads.filter((u) => u.state !== "refused" && u.state !== "cancelled" && u.state !== "failed");
  return {
    loaded: counted.reduce((sum, u) => sum + (u.state === "checking" || u.state === "done" ? u.file.size : u.loaded), 0),
    total: counted.reduce((sum, u) => sum + u.file.size, 0),
    done: counted.filter((u) => u.state === "done").length,
    count: counted.length,
  };
}

export function useUploads(options: UseUploadsOptions) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [announcement, setAnnouncement] = useState("");
  const queryClient = useQueryClient();
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const nextKey = useRef(0);
  // Per upload: the attempt that may still change it (a cancel or retry makes older attempts
  // stale), its request in flight, and the pending record the server holds for it.
  const attempts = useRef(new Map<string, symbol>());
  const requests = useRef(new Map<string, XMLHttpRequest>());
  const pendingIds = useRef(new Map<string, string>());

  const update = useCallback((key: string, changes: Partial<Upload>) => {
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...changes } : u)));
  }, []);

  const run = useCallback(
    async (key: string, file: File) => {
      const attempt = Symbol(key);
      attempts.current.set(key, attempt);
      const current = () => attempts.current.get(key) === attempt;
      const fail = (error: string) => {
        if (!current()) return;
        update(key, { state: "failed", error });
        toast.error(`${file.name}: ${error}`);
      };
      update(key, { state: "starting", loaded: 0, error: undefined, uploaded: undefined });
      const { purpose, ownerId, profileId, documentKind } = latest.current;
      try {
        const { fileId, uploadUrl } = await callAction(() => startUploadAction({ purpose, ownerId, profileId, ...(documentKind ? { documentKind } : {}), name: file.name, type: file.type, size: file.size }));
        if (!current()) return abandon(fileId, "cancelled");
        pendingIds.current.set(key, fileId);
        update(key, { state: "uploading" });
        setAnnouncement(`Uploading ${file.name}`);
        let halfway = false;
        const put = await putObject({
          url: uploadUrl,
          file,
          onStart: (request) => requests.current.set(key, request),
          onProgress: (loaded) => {
            if (!current()) return;
            update(key, { loaded });
            if (!halfway && loaded * 2 >= file.size && loaded < file.size) {
              halfway = true;
              setAnnouncement(`${file.name} is half uploaded`);
            }
          },
        });
        requests.current.delete(key);
        // An aborted request was cancelled, and cancel() has told the server already.
        if ((!put.ok && put.aborted) || !current()) return;
        if (!put.ok) {
          pendingIds.current.delete(key);
          abandon(fileId, "upload failed");
          return fail(put.error);
        }
        pendingIds.current.delete(key);
        update(key, { state: "checking", loaded: file.size });
        setAnnouncement(`Checking ${file.name}`);
        const completed = await callAction(() => completeUploadAction({ id: fileId }));
        update(key, { state: "done", uploaded: completed });
        toast.success(`${file.name} uploaded`);
        void queryClient.invalidateQueries({ queryKey: queryKeys.files.all });
        latest.current.onUploaded?.(completed, file);
      } catch (error) {
        fail(messageOf(error));
      }
    },
    [queryClient, update],
  );

  /** Queues files; those the policy refuses are listed with the reason and never start. */
  const add = useCallback(
    (files: readonly File[]) => {
      const added = files.map((file) => ({ key: `upload-${nextKey.current++}`, file, problem: uploadProblem(latest.current.purpose, file) }));
      setUploads((list) => [
        ...list,
        ...added.map(({ key, file, problem }): Upload => (problem ? { key, file, state: "refused", loaded: 0, error: problem } : { key, file, state: "starting", loaded: 0 })),
      ]);
      for (const { key, file, problem } of added) {
        if (problem) toast.error(`${file.name}: ${problem}`);
        else void run(key, file);
      }
    },
    [run],
  );

  const cancel = useCallback(
    (upload: Upload) => {
      if (!canCancel(upload)) return;
      attempts.current.delete(upload.key);
      requests.current.get(upload.key)?.abort();
      requests.current.delete(upload.key);
      const fileId = pendingIds.current.get(upload.key);
      pendingIds.current.delete(upload.key);
      if (fileId) abandon(fileId, "cancelled");
      update(upload.key, { state: "cancelled", error: undefined });
      setAnnouncement(`${upload.file.name} cancelled`);
    },
    [update],
  );

  const retry = useCallback((upload: Upload) => (canRetry(upload) ? void run(upload.key, upload.file) : undefined), [run]);

  /** Drops finished, refused, failed and cancelled entries from the list. */
  const clearFinished = useCallback(() => setUploads((list) => list.filter(isActive)), []);

  // Leaving the page abandons what is still in flight, as an explicit cancel would.
  useEffect(() => {
    const inFlight = requests.current;
    const pending = pendingIds.current;
    return () => {
      for (const request of inFlight.values()) request.abort();
      for (const id of pending.values()) abandon(id, "cancelled");
    };
  }, []);

  return { uploads, announcement, add, cancel, retry, clearFinished };
}
