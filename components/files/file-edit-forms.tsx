"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import type { FormEventHandler, ReactNode } from "react";
import { type FieldValues, type Path, useForm, type UseFormSetError } from "react-hook-form";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { placeServerErrors } from "@/components/ui/server-errors";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { fileExpiryFormSchema, fileTagsFormSchema, isoToLocalDateTime, renameFileFormSchema } from "@/lib/validation/files";
import type { FileItem } from "./types";
import { useUpdateFile } from "./use-file-mutations";

// The dialogs' forms for one file: rename, tags, expiry. Each validates with the schema the
// action applies to the same field, and shows the server's field errors on that field.

interface FormProps {
  file: FileItem;
  onDone(): void;
}

/** Runs a save; on failure the server's words land on the form's fields or as its message, and the typed values stay. */
async function saveOrShow<T extends FieldValues>(setError: UseFormSetError<T>, fields: readonly Path<T>[], save: () => Promise<void>) {
  try {
    await save();
  } catch (error) {
    const message = placeServerErrors(error, fields, setError);
    if (message) setError("root.server", { message });
  }
}

/** A dialog's form: the server's message for the form as a whole above its fields. */
function FileForm({ onSubmit, error, children }: { onSubmit: FormEventHandler<HTMLFormElement>; error: string | undefined; children: ReactNode }) {
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <Alert tone="error">{error}</Alert>
      {children}
    </form>
  );
}

function FormButtons({ pending, label, onCancel }: { pending: boolean; label: string; onCancel(): void }) {
  return (
    <div className="flex justify-end gap-2">
      <Button variant="secondary" onClick={onCancel} disabled={pending}>
        Cancel
      </Button>
      <SubmitButton pending={pending} pendingLabel="Saving…">
        {label}
      </SubmitButton>
    </div>
  );
}

export function RenameFileForm({ file, onDone }: FormProps) {
  const update = useUpdateFile();
  const form = useForm({ resolver: zodResolver(renameFileFormSchema), defaultValues: { displayName: file.displayName } });
  const submit = form.handleSubmit(async ({ displayName }) => {
    await saveOrShow(form.setError, ["displayName"], async () => {
      const updated = await update.mutateAsync({ id: file.id, version: file.version, displayName });
      toast.success(`Renamed to ${updated.displayName}`);
      onDone();
    });
  });
  return (
    <FileForm onSubmit={submit} error={form.formState.errors.root?.server?.message}>
      <TextField label="Name" autoFocus autoComplete="off" {...form.register("displayName")} errors={form.formState.errors.displayName?.message} />
      <FormButtons pending={form.formState.isSubmitting} label="Save name" onCancel={onDone} />
    </FileForm>
  );
}

export function FileTagsForm({ file, onDone }: FormProps) {
  const update = useUpdateFile();
  const form = useForm({ resolver: zodResolver(fileTagsFormSchema), defaultValues: { tags: file.tags.join(", ") } });
  const submit = form.handleSubmit(async ({ tags }) => {
    await saveOrShow(form.setError, ["tags"], async () => {
      const updated = await update.mutateAsync({ id: file.id, version: file.version, tags });
      toast.success(`Tags of ${updated.displayName} saved`);
      onDone();
    });
  });
  return (
    <FileForm onSubmit={submit} error={form.formState.errors.root?.server?.message}>
      <TextField
        label="Tags"
        hint="Separate tags with commas. Up to 20 tags of letters, digits, spaces, _ or -."
        autoFocus
        autoComplete="off"
        {...form.register("tags")}
        errors={form.formState.errors.tags?.message}
      />
      <FormButtons pending={form.formState.isSubmitting} label="Save tags" onCancel={onDone} />
    </FileForm>
  );
}

export function FileExpiryForm({ file, onDone }: FormProps) {
  const update = useUpdateFile();
  const form = useForm({ resolver: zodResolver(fileExpiryFormSchema), defaultValues: { expiresAt: file.expiresAt ? isoToLocalDateTime(file.expiresAt) : "" } });
  const save = (expiresAt: string | null) =>
    saveOrShow(form.setError, ["expiresAt"], async () => {
      const updated = await update.mutateAsync({ id: file.id, version: file.version, expiresAt });
      toast.success(expiresAt ? `${updated.displayName} will expire at ${expiresAt.slice(0, 16).replace("T", " ")} UTC` : `${updated.displayName} no longer expires`);
      onDone();
    });
  const submit = form.handleSubmit(({ expiresAt }) => save(expiresAt));
  const pending = form.formState.isSubmitting || update.isPending;
  return (
    <FileForm onSubmit={submit} error={form.formState.errors.root?.server?.message}>
      <TextField
        label="Expires at"
        type="datetime-local"
        hint="In your own time zone. After this moment the file is gone from lists and its links stop working."
        autoFocus
        {...form.register("expiresAt")}
        errors={form.formState.errors.expiresAt?.message}
      />
      <div className="flex flex-wrap justify-between gap-2">
        {file.expiresAt ? (
          <Button variant="ghost" onClick={() => void save(null)} disabled={pending}>
            Remove expiry
          </Button>
        ) : (
          <span />
        )}
        <FormButtons pending={pending} label="Save expiry" onCancel={onDone} />
      </div>
    </FileForm>
  );
}
