"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { type FieldValues, type Path, useForm, type UseFormSetError } from "react-hook-form";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import type { ActionFailure } from "@/lib/types/action-result";
import { fileExpiryFormSchema, fileTagsFormSchema, isoToLocalDateTime, renameFileFormSchema } from "@/lib/validation/files";
import type { FileItem } from "./types";
import { useUpdateFile } from "./use-file-mutations";

// The dialogs' forms for one file: rename, tags, expiry. Each validates with the schema the
// action applies to the same field, and shows the server's field errors on that field.

interface FormProps {
  file: FileItem;
  onDone(): void;
}

/** Server errors on the form's own fields; anything else as the form's error. */
function showServerErrors<T extends FieldValues>(setError: UseFormSetError<T>, failure: ActionFailure, fields: readonly Path<T>[]) {
  let placed = false;
  for (const [key, messages] of Object.entries(failure.fieldErrors ?? {})) {
    const field = fields.find((f) => key === f || key.startsWith(`${f}.`));
    if (field && messages[0]) {
      setError(field, { message: messages[0] });
      placed = true;
    }
  }
  if (!placed) setError("root.server", { message: failure.error });
}

function FormError({ message }: { message: string | undefined }) {
  return <Alert tone="error">{message}</Alert>;
}

function FormButtons({ pending, label, onCancel }: { pending: boolean; label: string; onCancel(): void }) {
  return (
    <div className="flex justify-end gap-2">
      <Button variant="secondary" onClick={onCancel} disabled={pending}>
        Cancel
      </Button>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Saving…" : label}
      </Button>
    </div>
  );
}

export function RenameFileForm({ file, onDone }: FormProps) {
  const update = useUpdateFile();
  const form = useForm({ resolver: zodResolver(renameFileFormSchema), defaultValues: { displayName: file.displayName } });
  const submit = form.handleSubmit(async ({ displayName }) => {
    const result = await update.mutateAsync({ id: file.id, version: file.version, displayName });
    if (!result.ok) return showServerErrors(form.setError, result, ["displayName"]);
    toast.success(`Renamed to ${result.data.displayName}`);
    onDone();
  });
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <FormError message={form.formState.errors.root?.server?.message} />
      <TextField label="Name" autoFocus autoComplete="off" {...form.register("displayName")} errors={form.formState.errors.displayName?.message ? [form.formState.errors.displayName.message] : undefined} />
      <FormButtons pending={form.formState.isSubmitting} label="Save name" onCancel={onDone} />
    </form>
  );
}

export function FileTagsForm({ file, onDone }: FormProps) {
  const update = useUpdateFile();
  const form = useForm({ resolver: zodResolver(fileTagsFormSchema), defaultValues: { tags: file.tags.join(", ") } });
  const submit = form.handleSubmit(async ({ tags }) => {
    const result = await update.mutateAsync({ id: file.id, version: file.version, tags });
    if (!result.ok) return showServerErrors(form.setError, result, ["tags"]);
    toast.success(`Tags of ${result.data.displayName} saved`);
    onDone();
  });
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <FormError message={form.formState.errors.root?.server?.message} />
      <TextField
        label="Tags"
        hint="Separate tags with commas. Up to 20 tags of letters, digits, spaces, _ or -."
        autoFocus
        autoComplete="off"
        {...form.register("tags")}
        errors={form.formState.errors.tags?.message ? [form.formState.errors.tags.message] : undefined}
      />
      <FormButtons pending={form.formState.isSubmitting} label="Save tags" onCancel={onDone} />
    </form>
  );
}

export function FileExpiryForm({ file, onDone }: FormProps) {
  const update = useUpdateFile();
  const form = useForm({ resolver: zodResolver(fileExpiryFormSchema), defaultValues: { expiresAt: file.expiresAt ? isoToLocalDateTime(file.expiresAt) : "" } });
  const save = async (expiresAt: string | null) => {
    const result = await update.mutateAsync({ id: file.id, version: file.version, expiresAt });
    if (!result.ok) return showServerErrors(form.setError, result, ["expiresAt"]);
    toast.success(expiresAt ? `${result.data.displayName} will expire at ${expiresAt.slice(0, 16).replace("T", " ")} UTC` : `${result.data.displayName} no longer expires`);
    onDone();
  };
  const submit = form.handleSubmit(({ expiresAt }) => save(expiresAt));
  const pending = form.formState.isSubmitting || update.isPending;
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <FormError message={form.formState.errors.root?.server?.message} />
      <TextField
        label="Expires at"
        type="datetime-local"
        hint="In your own time zone. After this moment the file is gone from lists and its links stop working."
        autoFocus
        {...form.register("expiresAt")}
        errors={form.formState.errors.expiresAt?.message ? [form.formState.errors.expiresAt.message] : undefined}
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
    </form>
  );
}
