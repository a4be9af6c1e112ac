"use client";
// The input that fits a row's kind. Values are always plain input values or React text, never
// markup, so a hostile string stays a string.
import { cn } from "@/components/ui/cn";
import { type FieldNode, isIsoDate } from "@/lib/custom-fields/model";
import { editNode } from "@/lib/custom-fields/tree-edits";
import type { FieldHint, FieldsStore } from "./store";

export const inputClasses = (invalid: boolean, extra?: string) =>
  cn(
    "min-w-0 rounded-md border bg-surface px-2 py-1.5 text-sm text-fg",
    "focus:outline-2 focus:outline-offset-1 focus:outline-indigo-600",
    invalid ? "border-danger" : "border-control",
    extra,
  );

interface ValueInputProps {
  store: FieldsStore;
  node: FieldNode;
  /** A template's field: its allowed values become a choice, a date field gets a date picker. */
  hint?: FieldHint;
  invalid: boolean;
  describedBy: string | undefined;
}

export function ValueInput({ store, node, hint, invalid, describedBy }: ValueInputProps) {
  const id = store.domId(node.id, "value");
  const edit = (change: Parameters<typeof editNode>[2]) => store.update(editNode(store.getTree(), node.id, change), [node.id]);
  const common = { id, "aria-label": "Value", "aria-invalid": invalid || undefined, "aria-describedby": describedBy };

  if (node.kind === "text" && hint?.allowedValues?.length) {
    const values = hint.allowedValues.includes(node.text) || node.text === "" ? hint.allowedValues : [node.text, ...hint.allowedValues];
    return (
      <select {...common} className={inputClasses(invalid, "w-full")} value={node.text} onChange={(e) => edit({ text: e.target.value })}>
        <option value="">Choose…</option>
        {values.map((value) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
      </select>
    );
  }
  switch (node.kind) {
    case "text":
      if (hint?.type === "date" && (node.text === "" || isIsoDate(node.text))) {
        return <input {...common} type="date" className={inputClasses(invalid, "w-full")} value={node.text} onChange={(e) => edit({ text: e.target.value })} />;
      }
      return <input {...common} type="text" className={inputClasses(invalid, "w-full")} value={node.text} onChange={(e) => edit({ text: e.target.value })} />;
    case "number":
      return (
        <input
          {...common}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          className={inputClasses(invalid, "w-full font-mono")}
          value={node.text}
          onChange={(e) => edit({ text: e.target.value })}
        />
      );
    case "date":
      return <input {...common} type="date" className={inputClasses(invalid, "w-full")} value={node.text} onChange={(e) => edit({ text: e.target.value })} />;
    case "boolean":
      return (
        <span className="flex items-center gap-2 text-sm">
          <input {...common} type="checkbox" className="size-4 accent-indigo-600" checked={node.checked} onChange={(e) => edit({ checked: e.target.checked })} />
          <span aria-hidden="true">{node.checked ? "Yes" : "No"}</span>
        </span>
      );
    case "null":
      return <span className="text-sm italic text-muted">empty (null)</span>;
    case "list":
    case "group":
      return null;
  }
}
