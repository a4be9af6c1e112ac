"use client";
import { usePathname, useRouter } from "next/navigation";
import { type ChangeEvent, useOptimistic, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { AuditGroup } from "@/lib/audit/catalogue";
import { RANGE_INVERTED, type TimelineSearchProblems } from "@/lib/validation/audit";
import { actionLabel, GROUP_LABELS } from "./action-labels";

// The audit log's filters, kept in the URL (actor, target, action repeated, from, to) so a
// filtered view can be bookmarked and shared; the server page reads them back. Each change
// is a new history entry (Back returns to the view before); the controls show the new value
// while the page re-renders.

export interface UserOption {
  id: string;
  label: string;
}

export interface FilterValues {
  actor?: string;
  target?: string;
  actions: string[];
  /** YYYY-MM-DD */
  from?: string;
  to?: string;
}

interface TimelineFiltersProps {
  values: FilterValues;
  /** The server's messages for dates in the URL that it could not use (lib/validation/audit.ts). */
  problems?: TimelineSearchProblems;
  users: UserOption[];
  actionGroups: Array<{ group: AuditGroup; actions: string[] }>;
}

function searchOf(values: FilterValues): string {
  const params = new URLSearchParams();
  if (values.actor) params.set("actor", values.actor);
  if (values.target) params.set("target", values.target);
  for (const action of values.actions) params.append("action", action);
  if (values.from) params.set("from", values.from);
  if (values.to) params.set("to", values.to);
  const query = params.toString();
  return query ? `?${query}` : "";
}

function UserSelect({ label, value, users, onChange }: { label: string; value?: string; users: UserOption[]; onChange: (id: string | undefined) => void }) {
  // A user from a link (or beyond the list's first names) still shows as chosen.
  const listed = value && !users.some((u) => u.id === value) ? [{ id: value, label: `User ${value}` }, ...users] : users;
  const options = [{ value: "", label: "Anyone" }, ...listed.map((u) => ({ value: u.id, label: u.label }))];
  return <SelectField label={label} options={options} value={value ?? ""} onChange={(e) => onChange(e.target.value || undefined)} className="min-w-0" />;
}

export function TimelineFilters({ values, problems = {}, users, actionGroups }: TimelineFiltersProps) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [shown, setShown] = useOptimistic(values);
  // Until React has hydrated, a change would reach no handler and be undone: the controls wait.
  const hydrated = useHydrated();

  function apply(patch: Partial<FilterValues>) {
    const next = { ...shown, ...patch };
    startTransition(() => {
      setShown(next);
      router.push(`${pathname}${searchOf(next)}`, { scroll: false });
    });
  }

  function toggleAction(action: string, checked: boolean) {
    apply({ actions: checked ? [...shown.actions, action] : shown.actions.filter((a) => a !== action) });
  }

  // The server's reading of the URL holds until the person changes a date; then the browser's
  // own check of the range takes over. The message stays on the field it is about.
  const datesAsLoaded = shown.from === values.from && shown.to === values.to;
  const inverted = Boolean(shown.from && shown.to && shown.from > shown.to);
  const dateErrors = {
    from: datesAsLoaded ? problems.from : undefined,
    to: (datesAsLoaded ? problems.to : undefined) ?? (inverted ? RANGE_INVERTED : undefined),
  };
  const dateProps = (bound: "from" | "to") => ({
    type: "date",
    value: shown[bound] ?? "",
    onChange: (e: ChangeEvent<HTMLInputElement>) => apply({ [bound]: e.target.value || undefined }),
    errors: dateErrors[bound],
  });
  const active = Boolean(shown.actor || shown.target || shown.actions.length || shown.from || shown.to);

  return (
    <section aria-labelledby="filters-heading" className="rounded-xl border border-subtle bg-surface p-4">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="filters-heading" className="text-base font-semibold">
          Filters
        </h2>
        <div className="flex items-center gap-3">
          <p role="status" className="text-sm text-muted">
            {pending ? "Updating…" : ""}
          </p>
          {active ? (
            <Button variant="ghost" onClick={() => apply({ actor: undefined, target: undefined, actions: [], from: undefined, to: undefined })}>
              Clear filters
            </Button>
          ) : null}
        </div>
      </div>
      <fieldset disabled={!hydrated} className="contents">
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <UserSelect label="Actor" value={shown.actor} users={users} onChange={(actor) => apply({ actor })} />
          <UserSelect label="Target user" value={shown.target} users={users} onChange={(target) => apply({ target })} />
          <TextField label="From" max={shown.to} {...dateProps("from")} />
          <TextField label="To" min={shown.from} {...dateProps("to")} />
        </div>
        <fieldset className="mt-4">
          <legend className="text-sm font-medium text-strong">Actions {shown.actions.length ? `(${shown.actions.length} selected)` : "(all)"}</legend>
          <div className="mt-2 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            {actionGroups.map(({ group, actions }) => (
              <fieldset key={group}>
                <legend className="text-xs font-semibold uppercase tracking-wide text-muted">{GROUP_LABELS[group]}</legend>
                <ul className="mt-1 flex flex-col gap-1">
                  {actions.map((action) => (
                    <li key={action}>
                      <label className="flex items-center gap-2 text-sm">
                        <input
                          type="checkbox"
                          checked={shown.actions.includes(action)}
                          onChange={(e) => toggleAction(action, e.target.checked)}
                          className="size-4 accent-indigo-600"
                        />
                        {actionLabel(action)}
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
            ))}
          </div>
        </fieldset>
      </fieldset>
    </section>
  );
}
