"use client";
// A row's type picker. Kinds that would drop what a list or group holds are disabled, with a
// hidden hint saying why.
import { FIELD_KINDS, type FieldKind, type FieldNode, KIND_LABELS } from "@/lib/custom-fields/model";
import { allowedKinds, changeKind } from "@/lib/custom-fields/tree-edits";
import type { FieldsStore } from "./store";
import { inputClasses } from "./value-input";

export function KindSelect({ store, node, name }: { store: FieldsStore; node: FieldNode; name: string }) {
  const allowed = allowedKinds(node);
  const locked = allowed.length < FIELD_KINDS.length;
  const hintId = store.domId(node.id, "kind-hint");
  return (
    <>
      <select
        id={store.domId(node.id, "kind")}
        aria-label="Type"
        aria-describedby={locked ? hintId : undefined}
        value={node.kind}
        onChange={(e) => {
          const kind = e.target.value as FieldKind;
          store.update(changeKind(store.getTree(), node.id, kind), [node.id]);
          store.announce(`${name} is now ${KIND_LABELS[kind].toLowerCase()}.`);
        }}
        className={inputClasses(false, "w-28")}
      >
        {FIELD_KINDS.map((kind) => (
          <option key={kind} value={kind} disabled={!allowed.includes(kind)}>
            {KIND_LABELS[kind]}
          </option>
        ))}
      </select>
      {locked ? (
        <span id={hintId} className="sr-only">
          Remove what is inside to change it to a single value.
        </span>
      ) : null}
    </>
  );
}
