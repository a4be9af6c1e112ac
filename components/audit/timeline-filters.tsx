"use client";
import { usePathname, useRouter } from "next/navigation";
import { type ChangeEvent, useOptimistic, useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { AuditGroup } from "@/lib/audit/catalogue";
import type { TimelineSearchProblems } from "@/lib/validation/audit";
import { RANGE_INVERTED } from "@/lib/validation/audit-range";
import { actionLabel, GROUP_LABELS } from "./action-labels";
import { filterSummary } from "./filter-summary";
import { useFilterTransition } from "./filter-transition";
import { type PickedUser, UserCombobox } from "./user-combobox";

// The audit log's filters, kept in the URL (actor, target, action repeated, from, to) so a
// filtered view can be bookmarked and shared; the server page reads them back. They sit in a
// bar that is collapsed by default (a native <details>: the list comes first, and on a phone the
// bar is one line until opened) and says what is applied. Each change is a new history entry
// (Back returns to the view before); the controls show the new value while the page re-renders,
// and the entries being replaced show as pending (filter-transition.tsx).

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
  /** The chosen actor and target by name, as the server read them. */
  people: { actor: PickedUser | null; target: PickedUser | null };
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

export function TimelineFilters({ values, problems = {}, people, actionGroups }: TimelineFiltersProps) {
  const router = useRouter();
  const pathname = usePathname();
  const { pending, start } = useFilterTransition();
  const [shown, setShown] = useOptimistic(values);
  // Names of people chosen here, before the server's page names them.
  const [picked, setPicked] = useState<Record<string, string | null>>({});
  // A date in the link that the server could not use is worth seeing without opening the bar;
  // read once, so React never closes the bar under the person afterwards.
  const [openAtLoad] = useState(Boolean(problems.from || problems.to));
  // Until React has hydrated, a change would reach no handler and be undone: the controls wait.
  const hydrated = useHydrated();

  function apply(patch: Partial<FilterValues>) {
    const next = { ...shown, ...patch };
    start(() => {
      setShown(next);
      router.push(`${pathname}${searchOf(next)}`, { scroll: false });
    });
  }

  const person = (id: string | undefined, fromServer: PickedUser | null): PickedUser | null => {
    if (!id) return null;
    if (fromServer?.id === id) return fromServer;
    return { id, name: id in picked ? picked[id]! : null };
  };
  const actor = person(shown.actor, people.actor);
  const target = person(shown.target, people.target);
  const choose = (field: "actor" | "target") => (user: PickedUser | null) => {
    if (user) setPicked((p) => ({ ...p, [user.id]: user.name }));
    apply({ [field]: user?.id });
  };

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
  const summary = filterSummary({
    actions: shown.actions,
    actor: actor ? (actor.name ?? "Unknown user") : undefined,
    target: target ? (target.name ?? "Unknown user") : undefined,
    from: shown.from,
    to: shown.to,
  });

  return (
    <section aria-label="Filters" className="rounded-xl border border-subtle bg-surface">
      <div className="flex flex-wrap items-start gap-x-3 gap-y-1 px-4 py-2">
        <details className="group min-w-0 flex-1 basis-64" open={openAtLoad || undefined}>
          <summary className="flex cursor-pointer list-none items-baseline gap-2 rounded py-1 focus-visible:outline-2 focus-visible:outline-indigo-600 [&::-webkit-details-marker]:hidden">
            <span aria-hidden="true" className="inline-block text-muted transition-transform group-open:rotate-90">
              ▸
            </span>
            <span className="font-semibold">Filters</span>
            <span className="min-w-0 text-sm text-soft wrap-anywhere" data-testid="filter-summary">
              {summary}
            </span>
          </summary>
          <fieldset disabled={!hydrated} className="contents">
            <div className="grid gap-4 pb-3 pt-3 sm:grid-cols-2 lg:grid-cols-4">
              <UserCombobox label="Actor" role="actor" chosen={actor} onChoose={choose("actor")} disabled={!hydrated} />
              <UserCombobox label="Target user" role="target" chosen={target} onChoose={choose("target")} disabled={!hydrated} />
              <TextField label="From" max={shown.to} {...dateProps("from")} />
              <TextField label="To" min={shown.from} {...dateProps("to")} />
            </div>
            <fieldset className="pb-2">
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
        </details>
        <div className="flex items-center gap-3 py-0.5">
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
    </section>
  );
}
