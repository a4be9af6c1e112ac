"use client";
import { type ClipboardEvent, type DragEvent, useId, useState } from "react";
import { toast } from "sonner";
import { Button, buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { formatBytes } from "@/lib/format/bytes";
import { describeTypes, EXTENSIONS, UPLOAD_POLICIES } from "@/lib/uploads/policies";
import { canCancel, canRetry, isActive, overallProgress, type Upload, useUploads, type UseUploadsOptions } from "./use-uploads";

export interface UploaderProps extends UseUploadsOptions {
  multiple?: boolean;
  /** Names the drop zone for assistive technology, e.g. "Upload documents". */
  label?: string;
}

/** What the file picker offers: the policy's types by MIME type and by extension. */
function acceptList(mimeTypes: readonly string[]): string {
  return [...mimeTypes, ...mimeTypes.flatMap((m) => (EXTENSIONS[m] ?? []).map((e) => `.${e}`))].join(",");
}

// Chromium and Firefox draw <progress> in their own green unless told otherwise.
const progressBar =
  "h-2 appearance-none overflow-hidden rounded-full bg-rule [&::-webkit-progress-bar]:bg-rule [&::-webkit-progress-value]:bg-indigo-600 [&::-moz-progress-bar]:bg-indigo-600";

const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes("Files");

/**
 * Drag and drop, paste or pick files; each goes straight to S3 with its own progress bar, can
 * be cancelled or retried, and files the policy refuses are listed with the reason instead.
 */
export function Uploader({ purpose, ownerId, profileId, documentKind, multiple = false, onUploaded, label = "Upload files" }: UploaderProps) {
  const { uploads, announcement, add, cancel, retry, clearFinished } = useUploads({ purpose, ownerId, profileId, documentKind, onUploaded });
  const policy = UPLOAD_POLICIES[purpose];
  const inputId = useId();
  const limitsId = useId();
  const [dragging, setDragging] = useState(false);

  const take = (list: FileList | null | undefined) => {
    const files = Array.from(list ?? []);
    if (!files.length) return;
    if (!multiple && files.length > 1) toast.error(`One file at a time: only ${files[0]!.name} was taken.`);
    add(multiple ? files : files.slice(0, 1));
  };

  const progress = overallProgress(uploads);
  const busy = uploads.some(isActive);

  return (
    <div className="flex flex-col gap-4">
      <div
        role="group"
        aria-label={label}
        aria-describedby={limitsId}
        tabIndex={0}
        onDragEnter={(event) => {
          if (!hasFiles(event)) return;
          event.preventDefault();
          setDragging(true);
        }}
        onDragOver={(event) => {
          if (!hasFiles(event)) return;
          event.preventDefault();
          event.dataTransfer.dropEffect = "copy";
        }}
        onDragLeave={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          take(event.dataTransfer.files);
        }}
        onPaste={(event: ClipboardEvent) => {
          if (!event.clipboardData.files.length) return;
          event.preventDefault();
          take(event.clipboardData.files);
        }}
        className={cn(
          "flex flex-col items-center gap-3 rounded-xl border-2 border-dashed px-6 py-8 text-center",
          "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600",
          dragging ? "border-indigo-500 bg-accent-soft" : "border-line bg-surface",
        )}
      >
        <p className="text-sm text-soft">{multiple ? "Drop files here or paste them, or" : "Drop a file here or paste it, or"}</p>
        <input
          id={inputId}
          type="file"
          multiple={multiple}
          accept={acceptList(policy.mimeTypes)}
          aria-describedby={limitsId}
          className="peer sr-only"
          onChange={(event) => {
            take(event.currentTarget.files);
            // Picking the same file again (a retry after fixing it) must fire change again.
            event.currentTarget.value = "";
          }}
        />
        <label
          htmlFor={inputId}
          className={buttonClasses("primary", "cursor-pointer peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-indigo-600")}
        >
          {multiple ? "Choose files" : "Choose a file"}
        </label>
        <p id={limitsId} className="text-xs text-muted">
          {describeTypes(policy)}, up to {formatBytes(policy.maxBytes)}
          {multiple ? " each" : ""}.
        </p>
      </div>

      {uploads.length ? (
        <div className="flex flex-col gap-3">
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <progress aria-label="Overall upload progress" max={progress.total || 1} value={progress.loaded} className={cn(progressBar, "flex-1")} />
            <span className="text-soft">
              {progress.done} of {progress.count} uploaded
            </span>
            {!busy ? (
              <Button variant="ghost" onClick={clearFinished}>
                Clear list
              </Button>
            ) : null}
          </div>
          <ul aria-label="Uploads" className="flex flex-col gap-2">
            {uploads.map((upload) => (
              <UploadRow key={upload.key} upload={upload} onCancel={() => cancel(upload)} onRetry={() => retry(upload)} />
            ))}
          </ul>
        </div>
      ) : null}
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}

function statusText(upload: Upload): string {
  switch (upload.state) {
    case "refused":
      return `Refused: ${upload.error ?? ""}`;
    case "starting":
      return "Preparing…";
    case "uploading":
      return `Uploading… ${Math.floor((upload.loaded / upload.file.size) * 100)}%`;
    case "checking":
      return "Checking the file…";
    case "done":
      return "Uploaded";
    case "failed":
      return `Failed: ${upload.error ?? ""}`;
    case "cancelled":
      return "Cancelled";
  }
}

export function UploadRow({ upload, onCancel, onRetry }: { upload: Upload; onCancel(): void; onRetry(): void }) {
  const { file } = upload;
  const problem = upload.state === "refused" || upload.state === "failed";
  return (
    <li className="rounded-lg border border-subtle bg-surface p-3 text-sm">
      <div className="flex items-baseline justify-between gap-3">
        <span className="min-w-0 truncate font-medium" title={file.name}>
          {file.name}
        </span>
        <span className="shrink-0 text-xs text-muted">{formatBytes(file.size)}</span>
      </div>
      {upload.state !== "refused" ? (
        <progress aria-label={file.name} max={file.size || 1} value={upload.state === "done" || upload.state === "checking" ? file.size : upload.loaded} className={cn(progressBar, "mt-2 w-full")} />
      ) : null}
      <div className="mt-1 flex flex-wrap items-center justify-between gap-2">
        <p className={problem ? "text-danger" : "text-soft"}>{statusText(upload)}</p>
        <div className="flex gap-1">
          {canCancel(upload) ? (
            <Button variant="ghost" className="px-2 py-1" onClick={onCancel}>
              Cancel<span className="sr-only"> {file.name}</span>
            </Button>
          ) : null}
          {canRetry(upload) ? (
            <Button variant="ghost" className="px-2 py-1" onClick={onRetry}>
              Retry<span className="sr-only"> {file.name}</span>
            </Button>
          ) : null}
        </div>
      </div>
    </li>
  );
}
