"use client";
// The input that fits a row's kind. Values are always plain input values or React text, never
// markup, so a hostile string stays a string.
import { cn } from "@/components/ui/cn";
import { editNode, type FieldNode } from "@/lib/custom-fields/model";
import type { FieldsStore } from "./store";

export const inputClasses = (invalid: boolean, extra?: string) =>
  cn(
    "min-w-0 rounded-md border bg-white px-2 py-1.5 text-sm text-zinc-900 dark:bg-zinc-900 dark:text-zinc-100",
    "focus:outline-2 focus:outline-offset-1 focus:outline-indigo-600",
    invalid ? "border-red-600 dark:border-red-400" : "border-zinc-300 dark:border-zinc-600",
    extra,
  );

interface ValueInputProps {
  store: FieldsStore;
  node: FieldNode;
  invalid: boolean;
  describedBy: string | undefined;
}

export function ValueInput({ store, node, invalid, describedBy }: ValueInputProps) {
  const id = store.domId(node.id, "value");
  const edit = (change: Parameters<typeof editNode>[2]) => store.update(editNode(store.getTree(), node.id, change), [node.id]);
  const common = { id, "aria-label": "Value", "aria-invalid": invalid || undefined, "aria-describedby": describedBy };

  switch (node.kind) {
    case "text":
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
      return <span className="text-sm italic text-zinc-600 dark:text-zinc-400">empty (null)</span>;
    case "list":
    case "group":
      return null;
  }
}
