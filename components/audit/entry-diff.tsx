"use client";
import { useId, useState } from "react";
import { type DiffNode, diffTree, LONG_VALUE, otherDetails, type ValueChange } from "./diff-model";

// The field-level diff of an audit entry. Every value is rendered as React text (never markup),
// so whatever a user typed into a custom field shows as typed.

/** A value, collapsed behind a "Show more" toggle when it is long. */
function Value({ text, tone }: { text: string | null; tone?: "from" | "to" }) {
  const [expanded, setExpanded] = useState(false);
  const id = useId();
  const toneClass =
    tone === "from"
      ? "bg-danger-soft text-danger-ink"
      : tone === "to"
        ? "bg-success-soft text-success-ink"
        : "";
  if (text === null) return <span className="italic text-muted">(empty)</span>;
  const long = text.length > LONG_VALUE;
  return (
    <span className="inline">
      <span id={id} className={`whitespace-pre-wrap break-words rounded px-1 font-mono text-[0.8125rem] ${toneClass}`}>
        {long && !expanded ? `${text.slice(0, LONG_VALUE)}…` : text}
      </span>
      {long ? (
        <button
          type="button"
          aria-expanded={expanded}
          aria-controls={id}
          onClick={() => setExpanded((v) => !v)}
          className="ml-2 text-xs font-medium text-link underline hover:no-underline"
        >
          {expanded ? "Show less" : `Show more (${text.length} characters)`}
        </button>
      ) : null}
    </span>
  );
}

function ChangeText({ change }: { change: ValueChange }) {
  if (change.kind === "value") {
    return (
      <>
        <Value text={change.from} tone="from" />
        <span aria-hidden="true"> → </span>
        <span className="sr-only"> changed to </span>
        <Value text={change.to} tone="to" />
      </>
    );
  }
  if (!change.added.length && !change.removed.length) return <span>order changed</span>;
  return (
    <ul className="mt-1 flex flex-col gap-1 pl-4">
      {change.added.map((item, i) => (
        <li key={`a${i}`}>
          <span className="font-medium text-success">Added: </span>
          <Value text={item} tone="to" />
        </li>
      ))}
      {change.removed.map((item, i) => (
        <li key={`r${i}`}>
          <span className="font-medium text-danger-ink">Removed: </span>
          <Value text={item} tone="from" />
        </li>
      ))}
    </ul>
  );
}

function DiffList({ nodes }: { nodes: DiffNode[] }) {
  return (
    <ul className="flex flex-col gap-1.5">
      {nodes.map((node) => (
        <li key={node.path}>
          <span className="font-medium">{node.key}</span>
          {node.change ? (
            <>
              {node.change.kind === "value" ? ": " : null}
              <ChangeText change={node.change} />
            </>
          ) : null}
          {node.children.length ? (
            <div className="ml-1 mt-1.5 border-l-2 border-rule pl-4">
              <DiffList nodes={node.children} />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function EntryDiff({ details }: { details: Record<string, unknown> }) {
  const tree = diffTree(details.changes);
  const others = otherDetails(details);
  if (!tree.length && !others.length) return <p className="text-muted">No further details.</p>;
  return (
    <div className="flex flex-col gap-3">
      {tree.length ? (
        <div>
          <p className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-muted">Changes</p>
          <DiffList nodes={tree} />
        </div>
      ) : null}
      {others.length ? (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
          {others.map((field) => (
            <div key={field.key} className="contents">
              <dt className="font-medium">{field.key}</dt>
              <dd className="min-w-0">
                <Value text={field.value} />
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}
