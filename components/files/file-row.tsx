"use client";
import dynamic from "next/dynamic";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { followLink } from "@/components/ui/download";
import { formatUtc } from "@/components/ui/format-date";
import { StatusBadge } from "@/components/ui/status-badge";
import { downloadUrlAction } from "@/lib/actions/files/file-actions";
import { formatBytes } from "@/lib/format/bytes";
import { isRasterImage } from "@/lib/uploads/policies";
import { publicPath, typeLabel } from "./format";
import type { FileItem } from "./types";
import { useDeleteFile, useUpdateFile } from "./use-file-mutations";
import { callAction, messageOf } from "@/lib/types/action-result";

// The forms (react-hook-form and zod) load when a dialog first opens, not with the list.
const formLoading = () => <p className="text-sm text-muted">Loading…</p>;
const RenameFileForm = dynamic(() => import("./file-edit-forms").then((m) => m.RenameFileForm), { loading: formLoading });
const FileTagsForm = dynamic(() => import("./file-edit-forms").then((m) => m.FileTagsForm), { loading: formLoading });
const FileExpiryForm = dynamic(() => import("./file-edit-forms").then((m) => m.FileExpiryForm), { loading: formLoading });

type Editing = "rename" | "tags" | "expiry" | "delete" | null;

const actionButton = "px-2 py-1 text-xs";

/** One file of the list with everything that can be done to it. */
export function FileRow({ file, onRemoved }: { file: FileItem; onRemoved(): void }) {
  const [editing, setEditing] = useState<Editing>(null);
  const [downloading, setDownloading] = useState(false);
  const update = useUpdateFile();
  const remove = useDeleteFile();
  const name = file.displayName;
  // Buttons read "Rename" but are announced as "Rename report.pdf": a row's actions stay
  // distinguishable when reached by keyboard or from a list of controls.
  const forFile = <span className="sr-only"> {name}</span>;
  const close = () => setEditing(null);

  const download = async () => {
    setDownloading(true);
    try {
      const { url } = await callAction(() => downloadUrlAction({ id: file.id }));
      // A presigned GET: documents arrive as attachments, images open in a new tab.
      followLink(url, { newTab: isRasterImage(file.mimeType) });
    } catch (failure) {
      toast.error(messageOf(failure));
    } finally {
      setDownloading(false);
    }
  };

  const togglePublic = async () => {
    try {
      const updated = await update.mutateAsync({ id: file.id, version: file.version, isPublic: !file.isPublic });
      toast.success(updated.isPublic ? `${name} is public: anyone with its link can download it.` : `${name} is private: its public link no longer works.`);
    } catch (failure) {
      toast.error(messageOf(failure));
    }
  };

  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(new URL(publicPath(file.id), window.location.origin).href);
      toast.success("Public link copied");
    } catch {
      toast.error("Could not copy the link. Open it and copy the address instead.");
    }
  };

  const confirmDelete = async () => {
    try {
      await remove.mutateAsync(file.id);
      toast.success(`${name} deleted`);
      close();
      onRemoved();
    } catch (failure) {
      toast.error(messageOf(failure));
    }
  };

  return (
    <tr className="align-top">
      <th scope="row" className="max-w-56 truncate px-4 py-3 font-medium" title={name}>
        {name}
      </th>
      <td className="whitespace-nowrap px-4 py-3">{typeLabel(file.mimeType)}</td>
      <td className="whitespace-nowrap px-4 py-3">{formatBytes(file.size)}</td>
      <td className="px-4 py-3">
        {file.tags.length ? (
          <ul aria-label={`Tags of ${name}`} className="flex max-w-48 flex-wrap gap-1">
            {file.tags.map((tag) => (
              <li key={tag} className="inline-block rounded-full bg-inset px-2 py-0.5 text-xs font-medium text-strong">
                {tag}
              </li>
            ))}
          </ul>
        ) : (
          <span className="text-muted">None</span>
        )}
      </td>
      <td className="px-4 py-3">
        {file.isPublic ? (
          <div className="flex flex-col items-start gap-1">
            <StatusBadge tone="success">Public</StatusBadge>
            <a href={publicPath(file.id)} className="text-xs font-medium text-link underline hover:no-underline">
              Public link<span className="sr-only"> of {name}</span>
            </a>
            <Button variant="ghost" className={actionButton} onClick={() => void copyLink()}>
              Copy link{forFile}
            </Button>
          </div>
        ) : (
          <span className="text-soft">Private</span>
        )}
      </td>
      <td className="whitespace-nowrap px-4 py-3 text-soft">
        {file.expiresAt ? <time dateTime={file.expiresAt}>{formatUtc(file.expiresAt)}</time> : "Never"}
      </td>
      <td className="whitespace-nowrap px-4 py-3 text-soft">
        <time dateTime={file.createdAt}>{formatUtc(file.createdAt)}</time>
      </td>
      <td className="px-4 py-3">
        <div className="flex max-w-64 flex-wrap gap-1">
          <Button variant="secondary" className={actionButton} onClick={() => void download()} disabled={downloading} aria-busy={downloading}>
            Download{forFile}
          </Button>
          <Button variant="ghost" className={actionButton} onClick={() => setEditing("rename")}>
            Rename{forFile}
          </Button>
          <Button variant="ghost" className={actionButton} onClick={() => setEditing("tags")}>
            Edit tags{forFile}
          </Button>
          <Button variant="ghost" className={actionButton} onClick={() => void togglePublic()} disabled={update.isPending}>
            {file.isPublic ? "Make private" : "Make public"}
            {forFile}
          </Button>
          <Button variant="ghost" className={actionButton} onClick={() => setEditing("expiry")}>
            {file.expiresAt ? "Change expiry" : "Set expiry"}
            {forFile}
          </Button>
          <Button variant="danger-ghost" className={actionButton} onClick={() => setEditing("delete")}>
            Delete{forFile}
          </Button>
        </div>
        <Dialog open={editing === "rename"} title={`Rename ${name}`} onClose={close}>
          <RenameFileForm file={file} onDone={close} />
        </Dialog>
        <Dialog open={editing === "tags"} title={`Tags of ${name}`} onClose={close}>
          <FileTagsForm file={file} onDone={close} />
        </Dialog>
        <Dialog open={editing === "expiry"} title={`Expiry of ${name}`} onClose={close}>
          <FileExpiryForm file={file} onDone={close} />
        </Dialog>
        <ConfirmDialog
          open={editing === "delete"}
          title={`Delete ${name}?`}
          confirmLabel="Delete file"
          destructive
          pending={remove.isPending}
          onConfirm={() => void confirmDelete()}
          onCancel={close}
        >
          The file is removed from storage for good{file.isPublic ? " and its public link stops working" : ""}.
        </ConfirmDialog>
      </td>
    </tr>
  );
}
