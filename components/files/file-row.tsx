"use client";
import dynamic from "next/dynamic";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { followLink } from "@/components/ui/download";
import { formatUtc } from "@/components/ui/format-date";
import { downloadUrlAction } from "@/lib/actions/files/file-actions";
import { formatBytes } from "@/lib/format/bytes";
import { publicPath, typeLabel } from "./format";
import { RowMenu, type RowMenuItem } from "./row-menu";
import type { FileItem } from "./types";
import { useDeleteFile, useUpdateFile } from "./use-file-mutations";
import { callAction, messageOf } from "@/lib/types/action-result";

// The forms (react-hook-form and zod) load when a dialog first opens, not with the list.
const formLoading = () => <p className="text-sm text-muted">Loading…</p>;
const RenameFileForm = dynamic(() => import("./file-edit-forms").then((m) => m.RenameFileForm), { loading: formLoading });
const FileTagsForm = dynamic(() => import("./file-edit-forms").then((m) => m.FileTagsForm), { loading: formLoading });
const FileExpiryForm = dynamic(() => import("./file-edit-forms").then((m) => m.FileExpiryForm), { loading: formLoading });

type Editing = "rename" | "tags" | "expiry" | "delete" | null;

/** One file of the list, one line tall, with everything that can be done to it in its menu. */
export function FileRow({ file, onRemoved }: { file: FileItem; onRemoved(): void }) {
  const [editing, setEditing] = useState<Editing>(null);
  const [downloading, setDownloading] = useState(false);
  const update = useUpdateFile();
  const remove = useDeleteFile();
  const name = file.displayName;
  const close = () => setEditing(null);
  const purposeNote = file.purpose === "avatar" || file.purpose === "background" ? `${file.purpose === "avatar" ? "Avatar" : "Background"}${file.profileName ? ` of ${file.profileName}` : ""}` : null;

  const download = async () => {
    setDownloading(true);
    try {
      const { url, name: saveAs } = await callAction(() => downloadUrlAction({ id: file.id }));
      // A presigned GET served as an attachment: the browser saves it and stays on this page.
      followLink(url, { download: saveAs });
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

  const items: RowMenuItem[] = [
    { label: downloading ? "Downloading…" : "Download", onSelect: () => void download(), disabled: downloading },
    { label: "Rename", onSelect: () => setEditing("rename") },
    { label: "Edit tags", onSelect: () => setEditing("tags") },
    { label: file.isPublic ? "Make private" : "Make public", onSelect: () => void togglePublic(), disabled: update.isPending },
    ...(file.isPublic ? [{ label: "Copy public link", onSelect: () => void copyLink() }] : []),
    { label: file.expiresAt ? "Change expiry" : "Set expiry", onSelect: () => setEditing("expiry") },
    { label: "Delete", onSelect: () => setEditing("delete"), destructive: true },
  ];
  const cell = "whitespace-nowrap px-3 py-2";

  return (
    // A set height (a row's minimum): every row is exactly as tall, tags or not.
    <tr className="h-14">
      <th scope="row" className="w-full max-w-0 px-3 py-2 font-medium">
        <div className="flex items-center gap-3">
          <FileThumbnail file={file} />
          <span className="min-w-0 truncate" title={purposeNote ? `${name} (${purposeNote})` : name}>
            {name}
            {purposeNote ? <span className="font-normal text-muted"> · {purposeNote}</span> : null}
          </span>
        </div>
      </th>
      <td className={`${cell} hidden md:table-cell`}>{typeLabel(file.mimeType)}</td>
      <td className={`${cell} hidden sm:table-cell`}>{formatBytes(file.size)}</td>
      <td className={`${cell} hidden lg:table-cell`}>
        {file.tags.length ? (
          <ul aria-label={`Tags of ${name}`} className="flex max-w-48 gap-1 overflow-hidden" title={file.tags.join(", ")}>
            {file.tags.map((tag) => (
              <li key={tag} className="inline-block shrink-0 rounded-full bg-inset px-2 py-0.5 text-xs font-medium text-strong">
                {tag}
              </li>
            ))}
          </ul>
        ) : (
          <span className="text-muted">None</span>
        )}
      </td>
      <td className={`${cell} hidden md:table-cell`}>
        {file.isPublic ? (
          <a href={publicPath(file.id)} className="text-link underline hover:no-underline" title="Anyone with this link can download the file">
            Public<span className="sr-only"> link of {name}</span>
          </a>
        ) : (
          <span className="text-soft">Private</span>
        )}
      </td>
      <td className={`${cell} hidden text-soft xl:table-cell`}>
        {file.expiresAt ? <time dateTime={file.expiresAt}>{formatUtc(file.expiresAt)}</time> : "Never"}
      </td>
      <td className={`${cell} hidden text-soft lg:table-cell`}>
        <time dateTime={file.createdAt}>{formatUtc(file.createdAt)}</time>
      </td>
      <td className="w-12 px-2 py-2 text-right">
        <RowMenu label={`Actions for ${name}`} items={items} />
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
          {deleteConsequence(file)}
        </ConfirmDialog>
      </td>
    </tr>
  );
}

const IMAGE_ROLE = { avatar: "avatar", background: "background image" } as const;

/** What deleting a file takes away, said in the confirm dialog. */
function deleteConsequence(file: FileItem): string {
  const link = file.isPublic ? " and its public link stops working" : "";
  if (file.purpose === "avatar" || file.purpose === "background") {
    const of = file.profileName ? `profile \u201c${file.profileName}\u201d` : "its profile";
    return `This removes the ${IMAGE_ROLE[file.purpose]} of ${of}. The file is removed from storage for good${link}.`;
  }
  return `The file is removed from storage for good${link}.`;
}

/** A small preview of an image (its own presigned GET), a document icon for anything else. */
function FileThumbnail({ file }: { file: FileItem }) {
  const box = "size-8 shrink-0 rounded-md";
  if (file.thumbnailUrl) {
    // eslint-disable-next-line @next/next/no-img-element -- a presigned URL per row: nothing for the image optimiser to cache
    return <img src={file.thumbnailUrl} alt="" width={32} height={32} loading="lazy" decoding="async" className={`${box} border border-subtle object-cover`} />;
  }
  return (
    <span aria-hidden="true" className={`${box} flex items-center justify-center bg-inset text-muted`}>
      <svg viewBox="0 0 20 20" className="size-4 fill-current">
        <path d="M5 2h6l4 4v11a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1Zm6 1.5V7h3.5L11 3.5Z" />
      </svg>
    </span>
  );
}
