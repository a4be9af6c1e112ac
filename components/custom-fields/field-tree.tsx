"use client";
// The form view of the custom fields: nested lists of rows. Each row subscribes to its own node
// and problems only (see store.ts) and is memoized on plain props, so a keystroke renders one row.
// The row's type picker (kind-select.tsx) and buttons (row-actions.tsx) are plain children of the
// memoized row: they render with it and add no subscriptions of their own.
import { type DragEvent, type KeyboardEvent, memo, useState } from "react";
import { cn } from "@/components/ui/cn";
import { ChevronIcon, GripIcon } from "./icons";
import { type FieldNode, isContainer } from "@/lib/custom-fields/model";
import { addChild, editNode, isInside, moveBy, moveTo, previousContainer } from "@/lib/custom-fields/tree-edits";
import { KindSelect } from "./kind-select";
import { RowActions, type RowPlace } from "./row-actions";
import { count, rowName } from "./row-name";
import { type FieldsStore, useFieldNode, useFieldProblems, useFieldsStore, useStoreValue } from "./store";
import { inputClasses, ValueInput } from "./value-input";

type DropPosition = "before" | "after" | "inside";

function dropPositionOf(event: DragEvent<HTMLElement>, node: FieldNode): DropPosition {
  const rect = event.currentTarget.getBoundingClientRect();
  const y = (event.clientY - rect.top) / Math.max(rect.height, 1);
  if (isContainer(node.kind)) return y < 0.3 ? "before" : y > 0.7 ? "after" : "inside";
  return y < 0.5 ? "before" : "after";
}

function focusAfterAdd(store: FieldsStore, id: string, inList: boolean): void {
  const added = store.getTree().nodes[id];
  if (inList) store.focusLater(id, added && !isContainer(added.kind) && added.kind !== "null" ? "value" : "kind");
  else store.focusLater(id, "key");
}

interface FieldListProps {
  parentId: string;
  parentPath: string;
}

export const FieldList = memo(function FieldList({ parentId, parentPath }: FieldListProps) {
  const store = useFieldsStore();
  const parent = useFieldNode(parentId);
  if (!parent) return null;
  const inList = parent.kind === "list";
  const isRoot = parent.parentId === null;
  const addLabel = inList ? `Add item to ${parentPath}` : isRoot ? "Add field" : `Add field to ${parentPath}`;

  const add = () => {
    const { tree, id } = addChild(store.getTree(), parentId);
    store.update(tree);
    store.announce(inList ? `Added item ${parent.children.length + 1} to ${parentPath}.` : `Added a field${isRoot ? "" : ` to ${parentPath}`}.`);
    focusAfterAdd(store, id, inList);
  };

  return (
    <div className={cn(!isRoot && "ml-4 border-l-2 border-rule pl-3")}>
      {parent.children.length ? (
        <ul role="list" className="flex flex-col gap-1.5" aria-label={isRoot ? "Custom fields" : `${inList ? "Items" : "Fields"} in ${parentPath}`}>
          {parent.children.map((childId, index) => (
            <FieldRow key={childId} id={childId} parentPath={parentPath} inList={inList} index={index} isLast={index === parent.children.length - 1} />
          ))}
        </ul>
      ) : (
        <p className="py-1 text-sm text-muted">{inList ? "No items yet." : isRoot ? "No custom fields yet." : "No fields in this group yet."}</p>
      )}
      <button
        type="button"
        id={store.domId(parentId, "add")}
        onClick={add}
        aria-label={addLabel}
        className="mt-1.5 rounded-md px-2 py-1 text-sm font-medium text-link hover:bg-accent-soft focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        + {inList ? "Add item" : "Add field"}
      </button>
    </div>
  );
});

const FieldRow = memo(function FieldRow({ id, ...place }: { id: string } & RowPlace) {
  const { parentPath, inList, index, isLast } = place;
  const store = useFieldsStore();
  const node = useFieldNode(id);
  const problems = useFieldProblems(id);
  // Whether "Nest" has a list or group to go into: a boolean, so typing elsewhere does not re-render.
  const canNest = useStoreValue((s) => (s.getTree().nodes[id] ? previousContainer(s.getTree(), id) !== null : false));
  const [drop, setDrop] = useState<DropPosition | null>(null);
  if (!node) return null;

  const { path, name, label } = rowName(node, parentPath, inList, index);
  const hint = store.hintOf(node);
  const hintId = store.domId(id, "hint");
  const problemsId = store.domId(id, "problems");
  const describedBy = [problems.length ? problemsId : "", hint ? hintId : ""].filter(Boolean).join(" ") || undefined;
  const container = isContainer(node.kind);

  const move = (delta: -1 | 1) => {
    store.update(moveBy(store.getTree(), id, delta), [id]);
    const children = store.getTree().nodes[node.parentId ?? ""]?.children ?? [];
    store.announce(`Moved ${name} ${delta < 0 ? "up" : "down"}: position ${children.indexOf(id) + 1} of ${children.length}.`);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    event.preventDefault();
    if ((event.key === "ArrowUp" && index === 0) || (event.key === "ArrowDown" && isLast)) return;
    const focused = document.activeElement?.id;
    move(event.key === "ArrowUp" ? -1 : 1);
    if (focused) requestAnimationFrame(() => document.getElementById(focused)?.focus());
  };

  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    const dragged = store.dragged();
    if (!dragged || dragged === id || isInside(store.getTree(), id, dragged)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    const position = dropPositionOf(event, node);
    if (position !== drop) setDrop(position);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    const dragged = store.dragged();
    setDrop(null);
    if (!dragged || dragged === id || !node.parentId) return;
    event.preventDefault();
    const position = dropPositionOf(event, node);
    const tree = store.getTree();
    const draggedName = tree.nodes[dragged]?.key || "the field";
    if (position === "inside") {
      store.update(moveTo(tree, dragged, id, node.children.length), [dragged]);
      store.announce(`Moved ${draggedName} into ${name}.`);
    } else {
      const siblings = (tree.nodes[node.parentId]?.children ?? []).filter((c) => c !== dragged);
      const at = siblings.indexOf(id) + (position === "after" ? 1 : 0);
      store.update(moveTo(tree, dragged, node.parentId, at), [dragged]);
      store.announce(`Moved ${draggedName} ${position} ${name}.`);
    }
    store.endDrag();
  };

  return (
    <li className="flex flex-col gap-1.5">
      <div
        role="group"
        aria-label={label}
        onKeyDown={onKeyDown}
        onDragOver={onDragOver}
        onDragLeave={() => setDrop(null)}
        onDrop={onDrop}
        className={cn(
          "relative flex flex-wrap items-center gap-2 rounded-lg border bg-surface px-2 py-1.5",
          // Off-screen rows skip style, layout and paint (a 200-field object has ~240 rows);
          // the browser keeps their last size, and focus or find-in-page brings them back.
          "[content-visibility:auto] [contain-intrinsic-size:auto_2.875rem]",
          problems.length ? "border-danger-line" : "border-subtle",
          drop === "inside" && "ring-2 ring-indigo-500",
          drop === "before" && "shadow-[0_-3px_0_0_var(--color-indigo-500)]",
          drop === "after" && "shadow-[0_3px_0_0_var(--color-indigo-500)]",
        )}
      >
        {hint ? (
          <div id={hintId} className="basis-full pl-6 text-sm">
            <span className="font-medium text-strong">{hint.label}</span>
            {hint.required ? (
              <span className="ml-1 text-danger">
                <span aria-hidden="true">*</span>
                <span className="sr-only"> (required)</span>
              </span>
            ) : null}
            {hint.help ? <span className="ml-2 text-muted">{hint.help}</span> : null}
          </div>
        ) : null}
        <span
          draggable
          aria-hidden="true"
          title="Drag to move (or use the arrow buttons, or Alt+↑ / Alt+↓)"
          className="cursor-grab text-muted active:cursor-grabbing"
          data-drag-handle={path}
          onDragStart={(event) => {
            store.startDrag(id);
            event.dataTransfer.effectAllowed = "move";
            event.dataTransfer.setData("text/plain", path);
            const row = event.currentTarget.parentElement;
            if (row) event.dataTransfer.setDragImage(row, 16, 16);
          }}
          onDragEnd={() => store.endDrag()}
        >
          <GripIcon />
        </span>

        {inList ? (
          <span className="w-16 text-xs font-medium uppercase tracking-wide text-muted">Item {index + 1}</span>
        ) : (
          <input
            id={store.domId(id, "key")}
            aria-label="Name"
            aria-invalid={problems.some((p) => p.on === "key") || undefined}
            aria-describedby={describedBy}
            autoComplete="off"
            spellCheck={false}
            placeholder="name"
            value={node.key}
            onChange={(e) => store.update(editNode(store.getTree(), id, { key: e.target.value }), [id])}
            className={inputClasses(problems.some((p) => p.on === "key"), "w-40 font-medium sm:w-48")}
          />
        )}

        <KindSelect store={store} node={node} name={name} />

        <div className="flex min-w-40 flex-1 items-center gap-2">
          {container ? (
            <button
              type="button"
              id={store.domId(id, "toggle")}
              aria-expanded={!node.collapsed}
              title={node.collapsed ? "Expand" : "Collapse"}
              onClick={() => store.update(editNode(store.getTree(), id, { collapsed: !node.collapsed }))}
              className="inline-flex items-center gap-1 rounded-md px-1.5 py-1 text-sm text-soft hover:bg-inset focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              <ChevronIcon open={!node.collapsed} />
              <span className="sr-only">{name}: </span>
              {node.kind === "list" ? count(node.children.length, "item", "items") : count(node.children.length, "field", "fields")}
            </button>
          ) : (
            <ValueInput store={store} node={node} hint={hint} invalid={problems.some((p) => p.on === "value")} describedBy={describedBy} />
          )}
        </div>

        <RowActions store={store} node={node} name={name} place={place} canNest={canNest} move={move} />

        {problems.length ? (
          <ul id={problemsId} className="basis-full pl-6 text-sm text-danger">
            {problems.map((p) => (
              <li key={p.message}>{p.message}</li>
            ))}
          </ul>
        ) : null}
      </div>

      {container && !node.collapsed ? <FieldList parentId={id} parentPath={path} /> : null}
    </li>
  );
});
