"use client";
import Image from "next/image";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { toast } from "sonner";
import { ProfileAvatar } from "@/components/profiles/profile-avatar";
import { Button, buttonClasses } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { deleteFileAction } from "@/lib/actions/files/file-actions";
import { callAction, messageOf } from "@/lib/types/action-result";
import type { ProfileImage } from "@/lib/uploads/profile-images";
import { isRasterImage, UPLOAD_POLICIES } from "@/lib/uploads/policies";
import type { CropKind } from "./crop-geometry";
import { ImageCropper } from "./image-cropper";
import { UploadRow } from "./uploader";
import { canCancel, isActive, useUploads } from "./use-uploads";

export interface ProfileImageEditorProps {
  kind: CropKind;
  profileId: string;
  /** Alt text of the image and the fallback avatar's initials. */
  profileName: string;
  /** Whose file space the profile is in, when an admin or manager edits someone else's. */
  ownerId?: string;
  /** The image as the server found it (lib/uploads/profile-images.ts), or null. */
  current: ProfileImage | null;
}

// Sources are re-encoded before upload, so they may be larger than the upload limit, but a
// browser should not be asked to decode anything huge.
const MAX_SOURCE_BYTES = 40 * 1024 * 1024;

/** A local view of the image until the refreshed page brings the server's. */
interface Override {
  image: ProfileImage | null;
  /** The `current` file id the override applies to; a newer one from the server wins. */
  over: string | null;
}

/** Change (pick → crop → upload) or remove a profile's avatar or background, with a preview. */
export function ProfileImageEditor({ kind, profileId, profileName, ownerId, current }: ProfileImageEditorProps) {
  const router = useRouter();
  const inputId = useId();
  const [source, setSource] = useState<ImageBitmap | null>(null);
  const [override, setOverride] = useState<Override | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [removing, setRemoving] = useState(false);
  const currentId = current?.fileId ?? null;
  const shown = override && override.over === currentId ? override.image : current;
  const noun = kind === "avatar" ? "avatar" : "background";

  const { uploads, add, cancel, retry, clearFinished } = useUploads({
    purpose: kind,
    profileId,
    ownerId,
    onUploaded: (file, sent) => {
      setOverride({ image: { fileId: file.id, url: URL.createObjectURL(sent) }, over: currentId });
      closeCropper();
      router.refresh();
    },
  });
  const upload = uploads.at(-1);

  // Free the local preview's memory once it is replaced.
  useEffect(() => {
    const url = override?.image?.url;
    return () => {
      if (url?.startsWith("blob:")) URL.revokeObjectURL(url);
    };
  }, [override]);

  function closeCropper() {
    source?.close();
    setSource(null);
    clearFinished();
  }

  async function pick(file: File | undefined) {
    if (!file) return;
    if (!isRasterImage(file.type)) return void toast.error(`Choose a JPG, PNG or WebP image for the ${noun}.`);
    if (file.size > MAX_SOURCE_BYTES) return void toast.error("This image is too large to edit here (over 40 MB).");
    try {
      setSource(await createImageBitmap(file));
    } catch {
      toast.error(`${file.name} could not be read as an image.`);
    }
  }

  async function remove() {
    if (!shown) return;
    setRemoving(true);
    try {
      await callAction(() => deleteFileAction({ id: shown.fileId }));
      setOverride({ image: null, over: currentId });
      toast.success(`${kind === "avatar" ? "Avatar" : "Background"} removed`);
      router.refresh();
    } catch (error) {
      toast.error(messageOf(error));
    } finally {
      setRemoving(false);
      setConfirmRemove(false);
    }
  }

  return (
    <div className="flex flex-col gap-3">
      {kind === "avatar" ? (
        <ProfileAvatar name={profileName} src={shown?.url} size="xl" />
      ) : (
        <div className="relative aspect-[3/1] w-full overflow-hidden rounded-lg bg-gradient-to-r from-inset-strong to-line">
          {shown ? (
            <Image src={shown.url} alt={`Background of ${profileName}`} fill unoptimized sizes="100vw" className="object-cover" />
          ) : (
            <p className="flex h-full items-center justify-center text-sm text-soft">No background yet</p>
          )}
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        <input
          id={inputId}
          type="file"
          accept={UPLOAD_POLICIES[kind].mimeTypes.join(",")}
          className="peer sr-only"
          onChange={(event) => {
            void pick(event.currentTarget.files?.[0]);
            event.currentTarget.value = "";
          }}
        />
        <label
          htmlFor={inputId}
          className={buttonClasses("secondary", "cursor-pointer peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-indigo-600")}
        >
          Change {noun}
        </label>
        {shown ? (
          <Button variant="ghost" onClick={() => setConfirmRemove(true)}>
            Remove {noun}
          </Button>
        ) : null}
      </div>

      <Dialog
        open={source !== null}
        title={`Crop ${noun}`}
        onClose={() => {
          if (upload && canCancel(upload)) cancel(upload);
          closeCropper();
        }}
        className={kind === "background" ? "max-w-3xl" : undefined}
      >
        {source ? (
          <div className="flex flex-col gap-4">
            <ImageCropper
              image={source}
              kind={kind}
              busy={uploads.some(isActive)}
              onCancel={() => {
                if (upload && canCancel(upload)) cancel(upload);
                closeCropper();
              }}
              onCropped={(file) => add([file])}
            />
            {upload ? (
              <ul aria-label="Upload">
                <UploadRow upload={upload} onCancel={() => cancel(upload)} onRetry={() => retry(upload)} />
              </ul>
            ) : null}
          </div>
        ) : null}
      </Dialog>

      <ConfirmDialog
        open={confirmRemove}
        title={`Remove the ${noun}?`}
        confirmLabel={`Remove ${noun}`}
        destructive
        pending={removing}
        onConfirm={() => void remove()}
        onCancel={() => setConfirmRemove(false)}
      >
        {kind === "avatar" ? `${profileName} will show initials instead.` : `${profileName} will have no background.`}
      </ConfirmDialog>
    </div>
  );
}
