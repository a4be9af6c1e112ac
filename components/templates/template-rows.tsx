"use client";
// The repeated rows of the template form: custom fields and checklist items. Each row is a
// fieldset named by its position ("Field 2"), with Move up / Move down / Remove buttons that
// keep keyboard focus on the row that moved (or on the next one after a removal).
import type { FieldErrors, UseFieldArrayReturn, UseFormRegister } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FieldFrame } from "@/components/ui/field-frame";
import { KIND_LABELS } from "@/lib/custom-fields/model";
import { TEMPLATE_FIELD_TYPES } from "@/lib/templates/schema";
import { ITEM_KINDS, type TemplateFormValues } from "./template-form-model";

type Errors = FieldErrors<TemplateFormValues>;
type Register = UseFormRegister<TemplateFormValues>;

const message = (error: { message?: unknown } | undefined) => (typeof error?.message === "string" ? error.message : undefined);

/** Moves focus to an element once React has rendered the change. */
export function focusSoon(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

interface RowActionsProps {
  what: string;
  index: number;
  count: number;
  idPrefix: string;
  onMove(from: number, to: number): void;
  onRemove(index: number): void;
}

function RowActions({ what, index, count, idPrefix, onMove, onRemove }: RowActionsProps) {
  const n = index + 1;
  return (
    <div className="flex flex-wrap gap-1">
      <Button
        variant="ghost"
        className="px-2 py-1"
        id={`${idPrefix}-${index}-up`}
        disabled={index === 0}
        aria-label={`Move ${what} ${n} up`}
        onClick={() => {
          onMove(index, index - 1);
          focusSoon(index - 1 === 0 ? `${idPrefix}-${index - 1}-down` : `${idPrefix}-${index - 1}-up`);
        }}
      >
        ↑ Up
      </Button>
      <Button
        variant="ghost"
        className="px-2 py-1"
        id={`${idPrefix}-${index}-down`}
        disabled={index === count - 1}
        aria-label={`Move ${what} ${n} down`}
        onClick={() => {
          onMove(index, index + 1);
          focusSoon(index + 1 === count - 1 ? `${idPrefix}-${index + 1}-up` : `${idPrefix}-${index + 1}-down`);
        }}
      >
        ↓ Down
      </Button>
      <Button
        variant="danger-ghost"
        className="px-2 py-1"
        aria-label={`Remove ${what} ${n}`}
        onClick={() => {
          onRemove(index);
          focusSoon(count > 1 ? `${idPrefix}-${Math.min(index, count - 2)}-first` : `${idPrefix}-add`);
        }}
      >
        Remove
      </Button>
    </div>
  );
}

const textareaClass = (className: string) => `${className} min-h-16`;

export function FieldRows({ array, register, errors, types }: { array: UseFieldArrayReturn<TemplateFormValues, "fields">; register: Register; errors: Errors; types: (index: number) => string }) {
  const { fields, move, remove } = array;
  return (
    <ol className="flex flex-col gap-4">
      {fields.map((row, index) => {
        const e = errors.fields?.[index];
        const type = types(index);
        const known = (TEMPLATE_FIELD_TYPES as readonly string[]).includes(type);
        return (
          <li key={row.id}>
            <fieldset className="rounded-lg border border-subtle p-4">
              <legend className="px-1 text-sm font-semibold text-strong">Field {index + 1}</legend>
              <div className="grid gap-3 sm:grid-cols-2">
                <FieldFrame label="Name" id={`field-${index}-first`} hint="Letters, digits, _ and -; unique in the template." errors={message(e?.key)}>
                  {(control) => <input {...control} {...register(`fields.${index}.key`)} autoComplete="off" spellCheck={false} />}
                </FieldFrame>
                <FieldFrame label="Label" errors={message(e?.label)}>
                  {(control) => <input {...control} {...register(`fields.${index}.label`)} autoComplete="off" />}
                </FieldFrame>
                <FieldFrame label="Type" errors={message(e?.type)}>
                  {(control) => (
                    <select {...control} {...register(`fields.${index}.type`)}>
                      {known ? null : <option value={type}>Unknown: {type || "(none)"}</option>}
                      {TEMPLATE_FIELD_TYPES.map((kind) => (
                        <option key={kind} value={kind}>
                          {KIND_LABELS[kind]}
                        </option>
                      ))}
                    </select>
                  )}
                </FieldFrame>
                <div className="flex items-center gap-2 self-end pb-2">
                  <input type="checkbox" id={`field-${index}-required`} {...register(`fields.${index}.required`)} className="size-4" />
                  <label htmlFor={`field-${index}-required`} className="text-sm text-strong">
                    Required
                  </label>
                </div>
                <FieldFrame label="Help text" errors={message(e?.help)} className="sm:col-span-2">
                  {(control) => <input {...control} {...register(`fields.${index}.help`)} autoComplete="off" />}
                </FieldFrame>
                {type === "text" || e?.allowedValues ? (
                  <FieldFrame label="Allowed values" hint="One a line; leave empty to allow any text." errors={message(e?.allowedValues)} className="sm:col-span-2">
                    {(control) => <textarea {...control} {...register(`fields.${index}.allowedValues`)} rows={3} className={textareaClass(control.className)} />}
                  </FieldFrame>
                ) : null}
              </div>
              <div className="mt-3">
                <RowActions what="field" index={index} count={fields.length} idPrefix="field" onMove={move} onRemove={remove} />
              </div>
            </fieldset>
          </li>
        );
      })}
    </ol>
  );
}

export function ChecklistRows({
  array,
  register,
  errors,
  kinds,
  fieldKeys,
}: {
  array: UseFieldArrayReturn<TemplateFormValues, "checklist">;
  register: Register;
  errors: Errors;
  kinds: (index: number) => string;
  fieldKeys: string[];
}) {
  const { fields, move, remove } = array;
  return (
    <>
      <datalist id="template-field-keys">
        {fieldKeys.map((key) => (
          <option key={key} value={key} />
        ))}
      </datalist>
      <ol className="flex flex-col gap-4">
        {fields.map((row, index) => {
          const e = errors.checklist?.[index];
          const kind = kinds(index);
          const known = ITEM_KINDS.some((k) => k.value === kind);
          return (
            <li key={row.id}>
              <fieldset className="rounded-lg border border-subtle p-4">
                <legend className="px-1 text-sm font-semibold text-strong">Checklist item {index + 1}</legend>
                <div className="grid gap-3 sm:grid-cols-2">
                  <FieldFrame label="Id" id={`item-${index}-first`} hint="Lower-case letters, digits and dashes." errors={message(e?.id)}>
                    {(control) => <input {...control} {...register(`checklist.${index}.id`)} autoComplete="off" spellCheck={false} />}
                  </FieldFrame>
                  <FieldFrame label="Asks for" errors={message(e?.kind)}>
                    {(control) => (
                      <select {...control} {...register(`checklist.${index}.kind`)}>
                        {known ? null : <option value={kind}>Unknown: {kind || "(none)"}</option>}
                        {ITEM_KINDS.map((k) => (
                          <option key={k.value} value={k.value}>
                            {k.label}
                          </option>
                        ))}
                      </select>
                    )}
                  </FieldFrame>
                  <FieldFrame label="Label" errors={message(e?.label)} className="sm:col-span-2">
                    {(control) => <input {...control} {...register(`checklist.${index}.label`)} autoComplete="off" />}
                  </FieldFrame>
                  {kind === "field" ? (
                    <FieldFrame label="Field name" hint="The name of a required field above." errors={message(e?.fieldKey)} className="sm:col-span-2">
                      {(control) => <input {...control} {...register(`checklist.${index}.fieldKey`)} list="template-field-keys" autoComplete="off" spellCheck={false} />}
                    </FieldFrame>
                  ) : null}
                  {kind === "document" ? (
                    <FieldFrame label="Kind of document" hint="For example contract or identity." errors={message(e?.documentKind)} className="sm:col-span-2">
                      {(control) => <input {...control} {...register(`checklist.${index}.documentKind`)} autoComplete="off" />}
                    </FieldFrame>
                  ) : null}
                  {kind === "acknowledgement" ? (
                    <FieldFrame label="Statement" errors={message(e?.statement)} className="sm:col-span-2">
                      {(control) => <textarea {...control} {...register(`checklist.${index}.statement`)} rows={3} className={textareaClass(control.className)} />}
                    </FieldFrame>
                  ) : null}
                </div>
                <div className="mt-3">
                  <RowActions what="checklist item" index={index} count={fields.length} idPrefix="item" onMove={move} onRemove={remove} />
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
    </>
  );
}
