"use client";
// The custom-fields editor: a typed form and a raw JSON view over the same object, with the
// field rules checked as the person types. The parent owns the store (it reads the value to
// save and hands the server's errors back); see store.ts for why state lives there.
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import { CUSTOM_FIELD_LIMITS } from "@/lib/custom-fields/validation";
import { FieldList } from "./field-tree";
import { JsonMode } from "./json-mode";
import { type FieldsStore, FieldsStoreProvider, useStoreValue } from "./store";

export function FieldsEditor({ store }: { store: FieldsStore }) {
  const headingId = useId();
  const helpId = useId();
  return (
    <FieldsStoreProvider value={store}>
      <section aria-labelledby={headingId} aria-describedby={helpId} className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <h2 id={headingId} className="text-lg font-semibold">
              Custom fields
            </h2>
            <Usage />
          </div>
          <ModeSwitch store={store} />
        </div>
        <p id={helpId} className="text-sm text-muted">
          Drag a row by its handle, or press Alt+↑ / Alt+↓ in it, to reorder. Names are unique within a group and contain no dots; groups nest up to {CUSTOM_FIELD_LIMITS.maxDepth - 1} levels.
        </p>
        <RootProblems />
        <Body store={store} />
        <Announcer />
      </section>
    </FieldsStoreProvider>
  );
}

function Body({ store }: { store: FieldsStore }) {
  const mode = useStoreValue((s) => s.mode());
  return mode === "json" ? <JsonMode store={store} /> : <FieldList parentId={store.getTree().rootId} parentPath="" />;
}

function ModeSwitch({ store }: { store: FieldsStore }) {
  const mode = useStoreValue((s) => s.mode());
  const [refusal, setRefusal] = useState<string | null>(null);
  const button = (active: boolean) =>
    cn(
      "rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600",
      active ? "bg-surface text-fg shadow-sm" : "text-soft hover:text-fg",
    );
  const toJson = () => {
    const result = store.showJson();
    setRefusal(result.ok ? null : result.reason);
    if (result.ok) store.focusLater("json", "text");
    else {
      const row = store.firstProblemRow();
      if (row) store.focusLater(row, "key", "value", "kind");
    }
  };
  const toForm = () => {
    const result = store.showForm();
    setRefusal(result.ok ? null : result.reason);
    if (!result.ok) store.focusLater("json", "text");
  };
  return (
    <div className="flex flex-col items-end gap-1">
      <div role="group" aria-label="Edit as" className="flex gap-1 rounded-lg bg-inset p-1">
        <button type="button" aria-pressed={mode === "form"} className={button(mode === "form")} onClick={() => mode === "json" && toForm()}>
          Form
        </button>
        <button type="button" aria-pressed={mode === "json"} className={button(mode === "json")} onClick={() => mode === "form" && toJson()}>
          JSON
        </button>
      </div>
      <Alert tone="error" inline className="max-w-md text-right">
        {refusal}
      </Alert>
    </div>
  );
}

function Usage() {
  const keys = useStoreValue((s) => s.getSnapshot().keyCount);
  const bytes = useStoreValue((s) => s.getSnapshot().bytes);
  const mode = useStoreValue((s) => s.mode());
  if (mode === "json") return <p className="text-sm text-muted">Editing the raw JSON.</p>;
  return (
    <p className="text-sm text-muted">
      {keys} of {CUSTOM_FIELD_LIMITS.maxKeys} fields · {(bytes / 1024).toFixed(1)} of {CUSTOM_FIELD_LIMITS.maxBytes / 1024} KB
    </p>
  );
}

function RootProblems() {
  const text = useStoreValue((s) => s.rootProblemsText());
  return (
    <div aria-live="polite">
      {text ? (
        <ul className="rounded-md border border-danger-line bg-danger-soft px-3 py-2 text-sm text-danger-ink">
          {text.split("\n").map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function Announcer() {
  const message = useStoreValue((s) => s.announcement());
  return (
    <div aria-live="polite" aria-atomic="true" className="sr-only">
      {message}
    </div>
  );
}
