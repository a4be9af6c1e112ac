"use client";
// Creating and editing a template, as a form or as its JSON document: the Form / JSON switch
// carries the value both ways (JSON that does not parse stays in JSON mode, with the spot of the
// error). The form is react-hook-form with the one template schema as its resolver, so each
// problem lands on its row and input; the JSON editor says each problem's path and line:column
// (lib/templates/json-text.ts). A save refused as stale, or for any reason, keeps everything
// typed; leaving with unsaved changes asks first (LeaveGuard).
import { useRouter } from "next/navigation";
import { type FormEvent, useCallback, useMemo, useRef, useState, useTransition } from "react";
import { type Resolver, useFieldArray, useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldFrame } from "@/components/ui/field-frame";
import { LeaveGuard } from "@/components/ui/leave-guard";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { createTemplateAction, updateTemplateAction } from "@/lib/actions/templates/template-actions";
import { TYPE_LABELS } from "@/lib/profiles/views";
import { describeLocation, locationIn, offsetOf, readTemplateText, type TextProblem } from "@/lib/templates/json-text";
import { ActionError, callAction, messageOf } from "@/lib/types/action-result";
import { PROFILE_TYPES } from "@/lib/validation/profile-details";
import { checkValues, emptyField, emptyItem, fromDocument, inputOf, prettyDocument, type TemplateFormValues, toDocument, unrepresentable } from "./template-form-model";
import { ChecklistRows, FieldRows, focusSoon } from "./template-rows";
import { encodeThumbnail, uploadThumbnail } from "./thumbnail-upload";

type Mode = "form" | "json";

export interface TemplateEditorProps {
  /** Absent when creating. */
  existing?: { id: string; version: number };
  /** The document to start from (valid or not). */
  initial: unknown;
  /** A short-lived URL of the current thumbnail, if any. */
  thumbnailUrl?: string | null;
}

const STALE_NOTE = "Everything you typed is still here. Copy what you need, then reload the page to see their version.";

const resolver: Resolver<TemplateFormValues> = async (values) => {
  const { errors } = checkValues(values);
  return Object.keys(errors).length ? { values: {}, errors } : { values, errors: {} };
};

/** A problem of the JSON text as the list under the editor shows it. */
const describeProblem = (p: TextProblem) => `${p.path ? `${p.path}: ` : ""}${p.at ? `${describeLocation(p.at)}: ` : ""}${p.message}`;

export function TemplateEditor({ existing, initial, thumbnailUrl }: TemplateEditorProps) {
  const router = useRouter();
  const startValues = useMemo(() => fromDocument(initial), [initial]);
  const startText = useMemo(() => prettyDocument(startValues), [startValues]);
  const savedText = useRef(startText);
  const version = useRef(existing?.version ?? 0);
  const created = useRef<string | null>(null);
  const left = useRef(false);

  const form = useForm<TemplateFormValues>({ defaultValues: startValues, resolver, mode: "onSubmit", reValidateMode: "onChange" });
  const { register, control, handleSubmit, formState, getValues, reset, setError, trigger } = form;
  const fieldArray = useFieldArray({ control, name: "fields" });
  const itemArray = useFieldArray({ control, name: "checklist" });

  const [mode, setMode] = useState<Mode>("form");
  const [text, setText] = useState(startText);
  const [textProblems, setTextProblems] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [thumbnail, setThumbnail] = useState<{ file: File; preview: string } | null>(null);
  const [thumbnailError, setThumbnailError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const textarea = useRef<HTMLTextAreaElement>(null);

  const watched = useWatch({ control });
  const fieldKeys = (watched.fields ?? []).map((f) => f?.key ?? "").filter(Boolean);

  const currentText = useCallback(() => {
    if (mode === "form") return prettyDocument(getValues());
    try {
      return prettyDocument(fromDocument(JSON.parse(text)));
    } catch {
      return text;
    }
  }, [mode, getValues, text]);
  const isDirty = useCallback(() => !left.current && (thumbnail !== null || currentText() !== savedText.current), [currentText, thumbnail]);

  const showTextProblems = (problems: readonly TextProblem[]) => setTextProblems(problems.map(describeProblem));

  function toJson() {
    setText(prettyDocument(getValues()));
    setTextProblems([]);
    setMode("json");
  }

  function toForm() {
    const read = readTemplateText(text);
    let value: unknown;
    try {
      if (!read.ok && read.problems.some((p) => !p.at)) throw new Error("too large");
      value = JSON.parse(text);
    } catch {
      // Only a text that parses can become the form: it stays here, with the spot of the error.
      if (!read.ok) showTextProblems(read.problems);
      setMessage("Correct the JSON before switching to the form.");
      return;
    }
    const values = fromDocument(value);
    // What the form has no input for (a property the schema does not know, a value of the
    // wrong shape) would be dropped: the switch is refused and says where, so nothing is lost.
    const lost = unrepresentable(value);
    if (lost.length) {
      if (!read.ok) showTextProblems(read.problems);
      setMessage(`The form cannot show everything in this JSON (${lost.join(", ")}): correct it here first, for example a property a template does not have.`);
      return;
    }
    reset(values, { keepDefaultValues: true, keepIsSubmitted: true });
    setTextProblems([]);
    setMessage(null);
    setMode("form");
    // Its schema problems go with it, onto the rows.
    if (!read.ok) void trigger();
  }

  /** Puts a failed save's words where they belong; what was typed stays as it is. */
  function placeFailure(failure: unknown, viaText: boolean) {
    const conflict = failure instanceof ActionError && failure.conflict;
    setStale(conflict);
    const fieldErrors = failure instanceof ActionError ? failure.fieldErrors : {};
    if (viaText) {
      setTextProblems(Object.entries(fieldErrors).flatMap(([path, messages]) => messages.map((m) => (path === "form" || path === "" ? m : `${path}: ${m}`))));
      setMessage(messageOf(failure));
      return;
    }
    const general: string[] = [];
    let first = true;
    for (const [path, messages] of Object.entries(fieldErrors)) {
      const input = inputOf(path.split(".").map((s) => (/^\d+$/.test(s) ? Number(s) : s)));
      if (input) {
        setError(input as never, { type: "server", message: messages.join(" ") }, { shouldFocus: first });
        first = false;
      } else general.push(...messages);
    }
    setMessage([messageOf(failure), ...general].join(" "));
  }

  async function save(body: { template: unknown } | { json: string }, viaText: boolean) {
    setMessage(null);
    setStale(false);
    let id = existing?.id ?? created.current;
    try {
      if (!id) {
        const made = await callAction(() => createTemplateAction(body));
        id = made.id;
        created.current = made.id;
        version.current = made.version;
      } else {
        const updated = await callAction(() => updateTemplateAction({ id: id!, version: version.current, ...body }));
        version.current = updated.version;
      }
    } catch (failure) {
      placeFailure(failure, viaText);
      return;
    }
    if (thumbnail) {
      try {
        version.current = (await uploadThumbnail(id, version.current, thumbnail.file)).version;
      } catch (failure) {
        // The document is saved; only the image is not. Say so, keep it chosen for a retry.
        savedText.current = currentText();
        setThumbnailError(`The template is saved, but its thumbnail is not: ${messageOf(failure)}`);
        if (!existing) {
          left.current = true;
          toast.error(`“${getValues().title}” was created without its thumbnail: ${messageOf(failure)}`);
          router.push(`/admin/templates/${id}/edit`);
        }
        return;
      }
    }
    left.current = true;
    toast.success(existing ? "Template saved." : "Template created.");
    router.push("/admin/templates");
  }

  const onFormSubmit = (event: FormEvent<HTMLFormElement>) =>
    handleSubmit(
      (values) => startTransition(() => save({ template: toDocument(values) }, false)),
      (errors) => {
        setMessage(errors.root?.message ? `This template has problems. ${errors.root.message}` : "This template has problems. Correct the highlighted fields.");
      },
    )(event);

  function onJsonSubmit() {
    const read = readTemplateText(text);
    if (!read.ok) {
      showTextProblems(read.problems);
      setMessage(read.problems.every((p) => !p.path && p.at) ? "This is not valid JSON." : "This template has problems.");
      return;
    }
    setTextProblems([]);
    startTransition(() => save({ json: text }, true));
  }

  async function chooseThumbnail(file: File | undefined) {
    setThumbnailError(null);
    if (!file) return;
    try {
      const encoded = await encodeThumbnail(file);
      setThumbnail((before) => {
        if (before) URL.revokeObjectURL(before.preview);
        return { file: encoded, preview: URL.createObjectURL(encoded) };
      });
    } catch (error) {
      setThumbnailError(error instanceof Error ? error.message : "This image cannot be used.");
    }
  }

  const e = formState.errors;
  const submitLabel = existing ? "Save template" : "Create template";
  const shownThumbnail = thumbnail?.preview ?? thumbnailUrl ?? null;

  return (
    <form
      className="flex flex-col gap-6"
      method="post"
      noValidate
      onSubmit={(event) => {
        if (mode === "form") void onFormSubmit(event);
        else {
          event.preventDefault();
          onJsonSubmit();
        }
      }}
    >
      <LeaveGuard isDirty={isDirty} />
      <div role="group" aria-label="Edit as" className="flex gap-2">
        <Button variant={mode === "form" ? "primary" : "secondary"} aria-pressed={mode === "form"} onClick={() => mode === "json" && toForm()}>
          Form
        </Button>
        <Button variant={mode === "json" ? "primary" : "secondary"} aria-pressed={mode === "json"} onClick={() => mode === "form" && toJson()}>
          JSON
        </Button>
      </div>
      <Alert tone="error">
        {message ? (
          <>
            {message}
            {stale ? <> {STALE_NOTE}</> : null}
          </>
        ) : null}
      </Alert>

      {mode === "json" ? (
        <FieldFrame label="Template document (JSON)" hint="schemaVersion, title, profileType, fields and checklist, as in the sample." errors={textProblems}>
          {(controlProps) => (
            <textarea
              {...controlProps}
              ref={textarea}
              value={text}
              onChange={(event) => setText(event.target.value)}
              rows={28}
              spellCheck={false}
              className={`${controlProps.className} font-mono text-xs`}
            />
          )}
        </FieldFrame>
      ) : null}
      {mode === "json" && textProblems.some((p) => locationIn(p)) ? (
        <ul aria-label="Places in the JSON" className="-mt-3 flex flex-wrap gap-2 text-sm">
          {textProblems.flatMap((problem, i) => {
            const at = locationIn(problem);
            return at ? (
              <li key={i}>
                <Button
                  variant="ghost"
                  className="px-2 py-1 text-link underline"
                  onClick={() => {
                    const box = textarea.current;
                    if (!box) return;
                    const offset = offsetOf(text, at);
                    box.focus();
                    box.setSelectionRange(offset, offset);
                  }}
                >
                  Go to {describeLocation(at)}
                </Button>
              </li>
            ) : (
              []
            );
          })}
        </ul>
      ) : null}
      {mode === "json" ? null : (
        <>
          <section aria-labelledby="template-about" className="flex flex-col gap-4">
            <h2 id="template-about" className="text-lg font-semibold text-strong">
              About
            </h2>
            <TextField label="Title" {...register("title")} errors={e.title?.message} autoComplete="off" />
            <FieldFrame label="Description" errors={e.description?.message}>
              {(controlProps) => <textarea {...controlProps} {...register("description")} rows={3} />}
            </FieldFrame>
            <div className="grid gap-4 sm:grid-cols-2">
              <SelectField
                label="Profile type"
                {...register("profileType")}
                errors={e.profileType?.message}
                options={[...((PROFILE_TYPES as readonly string[]).includes(watched.profileType ?? "") ? [] : [{ value: watched.profileType ?? "", label: "Choose…" }]), ...PROFILE_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))]}
              />
              <TextField label="Due within (days)" type="number" inputMode="numeric" min={1} max={365} hint="Days after the profile is created; empty for no due date." {...register("dueWithinDays")} errors={e.dueWithinDays?.message} />
            </div>
          </section>

          <section aria-labelledby="template-fields" className="flex flex-col gap-4">
            <h2 id="template-fields" className="text-lg font-semibold text-strong">
              Fields
            </h2>
            {fieldArray.fields.length ? null : <p className="text-sm text-muted">No fields yet.</p>}
            <FieldRows array={fieldArray} register={register} errors={e} types={(i) => watched.fields?.[i]?.type ?? ""} />
            <div>
              <Button
                variant="secondary"
                id="field-add"
                onClick={() => {
                  fieldArray.append(emptyField(), { shouldFocus: false });
                  focusSoon(`field-${fieldArray.fields.length}-first`);
                }}
              >
                Add field
              </Button>
            </div>
          </section>

          <section aria-labelledby="template-checklist" className="flex flex-col gap-4">
            <h2 id="template-checklist" className="text-lg font-semibold text-strong">
              Checklist
            </h2>
            {itemArray.fields.length ? null : <p className="text-sm text-muted">No checklist items yet.</p>}
            <ChecklistRows array={itemArray} register={register} errors={e} kinds={(i) => watched.checklist?.[i]?.kind ?? ""} fieldKeys={fieldKeys} />
            <div>
              <Button
                variant="secondary"
                id="item-add"
                onClick={() => {
                  itemArray.append(emptyItem(), { shouldFocus: false });
                  focusSoon(`item-${itemArray.fields.length}-first`);
                }}
              >
                Add checklist item
              </Button>
            </div>
          </section>
        </>
      )}

      <section aria-labelledby="template-thumbnail" className="flex flex-col gap-3">
        <h2 id="template-thumbnail" className="text-lg font-semibold text-strong">
          Thumbnail
        </h2>
        <div className="flex flex-wrap items-start gap-4">
          {shownThumbnail ? (
            // eslint-disable-next-line @next/next/no-img-element -- a presigned or blob URL, not an optimisable asset
            <img src={shownThumbnail} alt={thumbnail ? "The chosen thumbnail" : "The current thumbnail"} className="h-20 w-30 rounded-md border border-subtle object-cover" />
          ) : (
            <div className="flex h-20 w-30 items-center justify-center rounded-md border border-dashed border-control text-xs text-muted">No thumbnail</div>
          )}
          <FieldFrame label="Thumbnail image" hint="JPG, PNG or WebP; stored as a small JPEG when you save." errors={thumbnailError ?? undefined}>
            {(controlProps) => (
              <input {...controlProps} type="file" accept="image/jpeg,image/png,image/webp" onChange={(event) => void chooseThumbnail(event.target.files?.[0])} />
            )}
          </FieldFrame>
          {thumbnail ? (
            <Button
              variant="ghost"
              onClick={() => {
                URL.revokeObjectURL(thumbnail.preview);
                setThumbnail(null);
              }}
            >
              {existing ? "Keep the current thumbnail" : "Remove the chosen image"}
            </Button>
          ) : null}
        </div>
      </section>

      <div className="flex gap-3">
        <SubmitButton pending={pending} pendingLabel={existing ? "Saving…" : "Creating…"} waitForHydration>
          {submitLabel}
        </SubmitButton>
      </div>
    </form>
  );
}

