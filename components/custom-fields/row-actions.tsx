"use client";
// A row's buttons: move up and down, nest into the list or group above, move out, remove. Each
// says what it does to which row; focus lands where the row (or its neighbour) now is.
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { type FieldNode, isContainer } from "@/lib/custom-fields/model";
import { nest, previousContainer, removeNode, unnest } from "@/lib/custom-fields/tree-edits";
import { ArrowDownIcon, ArrowUpIcon, NestIcon, RemoveIcon, UnnestIcon } from "./icons";
import { count } from "./row-name";
import type { FieldsStore } from "./store";

const iconButton =
  "inline-flex size-8 items-center justify-center rounded-md text-soft hover:bg-inset focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-40";

function IconButton({ id, label, title, disabled, danger, onClick, children }: { id?: string; label: string; title: string; disabled?: boolean; danger?: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button type="button" id={id} className={cn(iconButton, danger && "hover:text-danger")} aria-label={label} title={title} disabled={disabled} onClick={onClick}>
      {children}
    </button>
  );
}

/** Where a row is: its parent's path, whether that parent is a list, and its position there. */
export interface RowPlace {
  parentPath: string;
  inList: boolean;
  index: number;
  isLast: boolean;
}

interface RowActionsProps {
  store: FieldsStore;
  node: FieldNode;
  /** How the row is named to people (see rowName). */
  name: string;
  place: RowPlace;
  /** There is a list or group above to nest into. */
  canNest: boolean;
  /** Moves the row one place and announces where it went. */
  move: (delta: -1 | 1) => void;
}

export function RowActions({ store, node, name, place, canNest, move }: RowActionsProps) {
  const { parentPath, inList, index, isLast } = place;
  const { id } = node;
  const container = isContainer(node.kind);
  return (
    <div className="flex items-center">
      <IconButton
        id={store.domId(id, "up")}
        label={`Move ${name} up`}
        title="Move up (Alt+↑)"
        disabled={index === 0}
        onClick={() => {
          move(-1);
          store.focusLater(id, "up", "down");
        }}
      >
        <ArrowUpIcon />
      </IconButton>
      <IconButton
        id={store.domId(id, "down")}
        label={`Move ${name} down`}
        title="Move down (Alt+↓)"
        disabled={isLast}
        onClick={() => {
          move(1);
          store.focusLater(id, "down", "up");
        }}
      >
        <ArrowDownIcon />
      </IconButton>
      <IconButton
        id={store.domId(id, "nest")}
        label={`Nest ${name} into the list or group above`}
        title="Nest into the list or group above"
        disabled={!canNest}
        onClick={() => {
          const target = previousContainer(store.getTree(), id);
          store.update(nest(store.getTree(), id), [id]);
          store.announce(`Moved ${name} into ${target?.key || "the list or group above"}.`);
          store.focusLater(id, "unnest", "key", "kind");
        }}
      >
        <NestIcon />
      </IconButton>
      <IconButton
        id={store.domId(id, "unnest")}
        label={`Move ${name} out of ${parentPath || "its group"}`}
        title="Move out of this list or group"
        disabled={parentPath === ""}
        onClick={() => {
          store.update(unnest(store.getTree(), id), [id]);
          store.announce(`Moved ${name} out of ${parentPath}.`);
          store.focusLater(id, "nest", "key", "kind");
        }}
      >
        <UnnestIcon />
      </IconButton>
      <IconButton
        label={`Remove ${name}`}
        title="Remove"
        danger
        onClick={() => {
          const siblings = store.getTree().nodes[node.parentId ?? ""]?.children ?? [];
          const next = siblings[index + 1] ?? siblings[index - 1];
          store.update(removeNode(store.getTree(), id));
          store.announce(`Removed ${name}${container && node.children.length ? ` and the ${count(node.children.length, inList ? "entry" : "field", "entries")} inside it` : ""}.`);
          if (next) store.focusLater(next, "key", "value", "kind");
          else if (node.parentId) store.focusLater(node.parentId, "add");
        }}
      >
        <RemoveIcon />
      </IconButton>
    </div>
  );
}
