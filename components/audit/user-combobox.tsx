"use client";
import { useQuery } from "@tanstack/react-query";
import { type KeyboardEvent, useEffect, useId, useState } from "react";
import { searchAuditUsersAction } from "@/lib/actions/audit/audit-actions";
import { queryKeys } from "@/lib/query-keys";
import { callAction, messageOf } from "@/lib/types/action-result";
import { cn } from "@/components/ui/cn";

// A person picker for the audit filters, on the ARIA combobox pattern (an editable input with a
// list box popup): typing searches every user on the server (the start of any word of the name
// or email), ArrowDown/ArrowUp move through the options, Enter chooses, Escape closes the list
// and then puts the chosen name back. The chosen person shows by name; the URL keeps the id.

export interface PickedUser {
  id: string;
  /** null: no such user (any more); shown as "Unknown user". */
  name: string | null;
}

interface UserComboboxProps {
  label: string;
  role: "actor" | "target";
  chosen: PickedUser | null;
  onChoose: (user: PickedUser | null) => void;
  disabled?: boolean;
}

const DEBOUNCE_MS = 200;
const nameOf = (user: PickedUser | null) => (user ? (user.name ?? "Unknown user") : "");

export function UserCombobox({ label, role, chosen, onChoose, disabled }: UserComboboxProps) {
  const id = useId();
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const [text, setText] = useState("");
  const [editing, setEditing] = useState(false);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [query, setQuery] = useState("");

  // Unless typing, the input shows the chosen person, however they were chosen (Back, a link).
  const shownName = nameOf(chosen);

  useEffect(() => {
    const q = text.trim();
    const timer = setTimeout(() => setQuery(editing ? q : ""), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, editing]);

  const search = useQuery({
    queryKey: queryKeys.audit.people(role, query),
    queryFn: async () => await callAction(() => searchAuditUsersAction({ q: query, role })),
    enabled: query.length > 0,
    staleTime: 30_000,
    retry: false,
  });
  const options = query && search.data ? search.data : [];
  const expanded = open && editing && query.length > 0 && options.length > 0;

  function choose(user: PickedUser | null) {
    setEditing(false);
    setOpen(false);
    setActive(-1);
    onChoose(user);
  }

  function cancel() {
    setEditing(false);
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!editing) {
        setText(shownName);
        setEditing(true);
      }
      setOpen(true);
      if (!options.length) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (i < 0 ? (step > 0 ? 0 : options.length - 1) : (i + step + options.length) % options.length));
    } else if (event.key === "Enter") {
      if (expanded && active >= 0 && options[active]) {
        event.preventDefault();
        choose(options[active]);
      }
    } else if (event.key === "Escape") {
      if (expanded) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      } else if (editing) {
        event.preventDefault();
        cancel();
      }
    }
  }

  const status = !editing || !query
    ? ""
    : search.isError
      ? messageOf(search.error)
      : search.isFetching && !options.length
        ? "Searching…"
        : search.isSuccess && !options.length
          ? `No one matches “${query}”.`
          : search.isSuccess
            ? `${options.length} ${options.length === 1 ? "person" : "people"} found${options.length >= 10 ? ", type more to narrow" : ""}.`
            : "";

  return (
    <div className="relative flex min-w-0 flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-strong">
        {label}
      </label>
      <div className="flex min-w-0 items-center gap-1">
        <input
          id={id}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${id}-opt-${active}` : undefined}
          aria-describedby={hintId}
          autoComplete="off"
          spellCheck={false}
          placeholder="Anyone"
          disabled={disabled}
          value={editing ? text : shownName}
          onChange={(e) => {
            setText(e.target.value);
            setEditing(true);
            setOpen(true);
            setActive(-1);
          }}
          onFocus={(e) => e.currentTarget.select()}
          onBlur={cancel}
          onKeyDown={onKeyDown}
          className="min-w-0 flex-1 rounded-md border border-control bg-surface px-3 py-2 text-sm text-fg shadow-sm focus:outline-2 focus:outline-offset-1 focus:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-70"
        />
        {chosen ? (
          <button
            type="button"
            onClick={() => choose(null)}
            disabled={disabled}
            aria-label={`Clear ${label.toLowerCase()}`}
            className="shrink-0 rounded px-2 py-2 text-sm font-medium text-link underline hover:no-underline focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-70"
          >
            Clear
          </button>
        ) : null}
      </div>
      <p id={hintId} role="status" className="min-h-4 text-xs text-muted">
        {status || (chosen ? "" : "Type a name or an email to search everyone.")}
      </p>
      <ul
        id={listId}
        role="listbox"
        aria-label={`${label} suggestions`}
        hidden={!expanded}
        className="absolute left-0 right-0 top-full z-20 -mt-5 max-h-72 overflow-auto rounded-md border border-subtle bg-surface py-1 shadow-lg"
      >
        {options.map((user, i) => (
          <li
            key={user.id}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            // Keeps focus in the input, so choosing does not first blur (and close) it.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(user)}
            onMouseMove={() => setActive(i)}
            className={cn("cursor-pointer px-3 py-2 text-sm", i === active ? "bg-accent-soft text-accent-ink" : "text-fg")}
          >
            <span className="block font-medium wrap-anywhere">{user.name}</span>
            <span className={cn("block text-xs wrap-anywhere", i === active ? "text-accent-ink" : "text-muted")}>{user.email}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
