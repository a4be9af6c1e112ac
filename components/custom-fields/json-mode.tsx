"use client";
// The raw JSON view of the same fields. The person's text is kept as typed until it parses:
// a mistake is reported by line and column with a way to jump to it, never "fixed" silently.
import { useRef } from "react";
import { cn } from "@/components/ui/cn";
import { type FieldsStore, useStoreValue } from "./store";

export function JsonMode({ store }: { store: FieldsStore }) {
  const text = useStoreValue((s) => s.jsonText());
  const ref = useRef<HTMLTextAreaElement>(null);
  const textId = store.domId("json", "text");
  const errorId = store.domId("json", "error");
  // Parsing (at most about 32 KB) is cheap enough to do on every keystroke; the parse is cached per text.
  const result = store.jsonResult();
  const problems = result.ok ? store.jsonProblems() : [];
  const invalid = !result.ok || problems.length > 0;

  return (
    <div className="flex flex-col gap-2">
      <label htmlFor={textId} className="text-sm font-medium text-strong">
        Custom fields as JSON
      </label>
      <textarea
        ref={ref}
        id={textId}
        value={text}
        onChange={(e) => store.setJsonText(e.target.value)}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        rows={Math.min(30, Math.max(8, text.split("\n").length + 1))}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        className={cn(
          "w-full rounded-md border bg-surface p-3 font-mono text-sm text-fg",
          "focus:outline-2 focus:outline-offset-1 focus:outline-indigo-600",
          invalid ? "border-danger" : "border-control",
        )}
      />
      <div id={errorId} aria-live="polite" className="text-sm text-danger">
        {!result.ok ? (
          <p className="flex flex-wrap items-center gap-2">
            <span>
              Line {result.line}, column {result.column}: {result.message}.
            </span>
            <button
              type="button"
              className="font-medium underline hover:no-underline"
              onClick={() => {
                const area = ref.current;
                if (!area) return;
                area.focus();
                area.setSelectionRange(result.offset, Math.min(result.offset + 1, area.value.length));
              }}
            >
              Go to the mistake
            </button>
          </p>
        ) : null}
        {problems.length ? (
          <ul className="list-inside list-disc">
            {problems.map((p) => (
              <li key={`${p.path}:${p.message}`}>
                {p.path ? <code className="font-mono">{p.path}</code> : "The fields as a whole"}: {p.message}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
